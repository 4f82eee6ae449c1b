"""The JSON-RPC 2.0 endpoint (/v1/jsonrpc/) driven by jsonrpclib-pelix and raw requests."""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request

import pytest
from jsonrpclib import MultiCall, ProtocolError, Server
from jsonrpclib.jsonrpc import AppError

# The API accepts at most this many calls in one batch.
MAX_BATCH_SIZE = 100
MAX_JOB_POLLS = 20


@pytest.fixture(scope="module")
def server(mock, api_key):
    host_port = mock.url.split("://", 1)[1]
    return Server(f"https://{api_key}:x@{host_port}/v1/jsonrpc/", context=mock.ssl_context())


def post_jsonrpc(mock, api_key: str, payload) -> tuple[int, object]:
    """POST a raw JSON-RPC body and return the HTTP status and the decoded reply."""
    body = json.dumps(payload).encode()
    credentials = base64.b64encode(f"{api_key}:x".encode()).decode()
    request = urllib.request.Request(
        mock.url + "/v1/jsonrpc/",
        data=body,
        headers={"Content-Type": "application/json", "Authorization": f"Basic {credentials}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, context=mock.ssl_context(), timeout=30) as reply:
            return reply.status, json.loads(reply.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def echo_call(index: int) -> dict:
    return {"jsonrpc": "2.0", "id": index, "method": "internal.echo",
            "params": {"integer": index}}


def test_json_rpc_example_flow(server):
    services = server.service.list()
    assert "myserver1" in {service["name"] for service in services}, services

    servers = server.server.list()
    assert "myserver1" in {entry["name"] for entry in servers}, servers

    info = server.server.info(name="myserver1")
    assert info["name"] == "myserver1", info

    renamed = server.service.set_nickname(name="myserver1", nickname="www")
    assert renamed["nickname"] == "www", renamed

    job = server.server.reboot(name="myserver1")
    assert len(job["id"]) == 32, job
    status = server.job.status(id=job["id"])
    for _ in range(MAX_JOB_POLLS):
        if status["finished"]:
            break
        time.sleep(0.1)
        status = server.job.status(id=job["id"])
    assert status["finished"] is True, status
    assert status["error"] is False, status


def test_multicall_batch_from_example(server):
    batch = MultiCall(server)
    batch.internal.echo(string="Hello World")
    batch.internal.version()
    batch.internal.noop()
    batch.internal.echo(string="Goodbye!")

    results = list(batch())

    assert len(results) == 4, results
    assert results[0]["string"] == "Hello World", results
    assert isinstance(results[1]["version"], str), results
    assert results[2] == {}, results
    assert results[3]["string"] == "Goodbye!", results


def test_unknown_server_is_application_error(server):
    with pytest.raises(AppError) as raised:
        server.server.info(name="BADSERVERNAME")

    code, message, _data = raised.value.args[0]
    assert code == 3, raised.value.args
    assert "BADSERVERNAME" in message, raised.value.args


def test_positional_params_are_rejected(server):
    with pytest.raises(ProtocolError) as raised:
        server.internal.echo("positional")

    code, message = raised.value.args[0][:2]
    assert code == -32602, raised.value.args
    assert message, raised.value.args


def test_batch_of_max_size_is_answered(mock, api_key):
    status, reply = post_jsonrpc(mock, api_key, [echo_call(i) for i in range(MAX_BATCH_SIZE)])

    assert status == 200, reply
    assert isinstance(reply, list), reply
    assert sorted(entry["id"] for entry in reply) == list(range(MAX_BATCH_SIZE))
    assert all(entry["result"]["integer"] == entry["id"] for entry in reply), reply


def test_batch_over_max_size_is_invalid_request(mock, api_key):
    status, reply = post_jsonrpc(mock, api_key,
                                 [echo_call(i) for i in range(MAX_BATCH_SIZE + 1)])

    assert isinstance(reply, dict), f"HTTP {status}: expected one error object, got {reply}"
    assert reply.get("jsonrpc") == "2.0", reply
    assert reply.get("id") is None, reply
    assert "result" not in reply, reply
    assert reply["error"]["code"] == -32600, reply
    assert "100" in reply["error"]["message"], reply


def test_batch_mixes_results_and_errors(mock, api_key):
    calls = [
        {"jsonrpc": "2.0", "id": "a", "method": "internal.noop", "params": {}},
        {"jsonrpc": "2.0", "id": "b", "method": "no.such_method", "params": {}},
        {"jsonrpc": "2.0", "method": "internal.noop", "params": {}},
    ]

    status, reply = post_jsonrpc(mock, api_key, calls)

    assert status == 200, reply
    by_id = {entry["id"]: entry for entry in reply}
    assert set(by_id) == {"a", "b"}, f"the notification must get no reply: {reply}"
    assert by_id["a"]["result"] == {}, reply
    assert by_id["b"]["error"]["code"] in (-32601, 5), reply


def test_invalid_json_is_parse_error(mock, api_key):
    credentials = base64.b64encode(f"{api_key}:x".encode()).decode()
    request = urllib.request.Request(
        mock.url + "/v1/jsonrpc/", data=b'{"jsonrpc": "2.0", "method": ',
        headers={"Content-Type": "application/json", "Authorization": f"Basic {credentials}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, context=mock.ssl_context(), timeout=30) as response:
            reply = json.loads(response.read())
    except urllib.error.HTTPError as error:
        reply = json.loads(error.read())

    assert reply["error"]["code"] == -32700, reply
    assert reply["id"] is None, reply


def test_created_key_works_until_deleted(mock, server):
    created = server.apikey.create(scopes={"method": ["dns.zone_list"]}, comment="end-to-end")
    host_port = mock.url.split("://", 1)[1]
    scoped = Server(f"https://{created['key']}:x@{host_port}/v1/jsonrpc/",
                    context=mock.ssl_context())

    zones = scoped.dns.zone_list()
    with pytest.raises(AppError) as outside:
        scoped.service.list()
    server.apikey.delete(id=created["key"])
    with pytest.raises(AppError) as deleted:
        scoped.dns.zone_list()

    assert len(created["key"]) == 32, created
    assert created["scopes"] == {"method": ["dns.zone_list"]}, created
    assert isinstance(zones, list), zones
    assert outside.value.args[0][0] == 4, outside.value.args
    assert deleted.value.args[0][0] == 4, deleted.value.args


def test_notification_through_jsonrpclib(server):
    # jsonrpclib-pelix sends a call without an id and accepts only HTTP 200 for it.
    server._notify.internal.noop()

    assert server.internal.version() == {"version": "0.20"}
