"""The XML-RPC endpoint (/v1/xmlrpc/) driven by Python's standard xmlrpc.client."""

from __future__ import annotations

import time
import xmlrpc.client

import pytest

# Each job.status poll is bounded: with --job-speed instant a job finishes at once, so a
# few polls are plenty.
MAX_JOB_POLLS = 20


@pytest.fixture(scope="module")
def proxy(mock, api_key):
    host_port = mock.url.split("://", 1)[1]
    uri = f"https://{api_key}:x@{host_port}/v1/xmlrpc/"
    with xmlrpc.client.ServerProxy(uri, context=mock.ssl_context(), allow_none=False) as server:
        yield server


def test_list_methods_names_every_family(proxy):
    methods = proxy.system.listMethods()

    assert isinstance(methods, list)
    for name in ("service.list", "server.info", "internal.echo", "dns.zone_list",
                 "job.status", "system.listMethods"):
        assert name in methods, f"{name} missing from system.listMethods: {methods}"


def test_method_help_describes_service_list(proxy):
    text = proxy.system.methodHelp("service.list")

    assert isinstance(text, str)
    assert text.strip(), "system.methodHelp('service.list') returned an empty string"


def test_echo_returns_every_type(proxy):
    date = xmlrpc.client.DateTime("20261204T12:34:56")
    sent = {
        "string": "caf\u00e9 <&> \"quoted\"",
        "list": [1, "two", 3.5, True, {"k": "v"}],
        "dictionary": {"nested": {"deep": [1, 2]}, "empty": ""},
        "boolean": True,
        "float": -1.25,
        "integer": 2147483647,
        "date": date,
    }

    echoed = proxy.internal.echo(sent)

    assert echoed["string"] == sent["string"]
    assert echoed["list"] == sent["list"]
    assert echoed["dictionary"] == sent["dictionary"]
    assert echoed["boolean"] is True
    assert echoed["float"] == -1.25
    assert echoed["integer"] == 2147483647
    assert isinstance(echoed["date"], xmlrpc.client.DateTime), echoed["date"]
    assert echoed["date"].value == "20261204T12:34:56"


def test_echo_without_parameters_returns_defaults(proxy):
    echoed = proxy.internal.echo()

    for name in ("string", "list", "dictionary", "boolean", "float", "integer", "date"):
        assert name in echoed, f"internal.echo() returned no default for {name}: {echoed}"
    assert echoed["string"] == ""
    assert echoed["list"] == []
    assert echoed["dictionary"] == {}
    assert echoed["boolean"] is False
    assert echoed["integer"] == 0


def test_unknown_server_is_fault(proxy):
    with pytest.raises(xmlrpc.client.Fault) as raised:
        proxy.server.info({"name": "BADSERVERNAME"})

    assert raised.value.faultCode == 3
    assert raised.value.faultString.startswith("ApiErrorDoesNotExist"), raised.value.faultString
    assert "BADSERVERNAME" in raised.value.faultString


def test_unknown_method_is_fault(proxy):
    with pytest.raises(xmlrpc.client.Fault) as raised:
        proxy.server.no_such_method()

    assert raised.value.faultCode == 5
    assert raised.value.faultString.startswith("ApiErrorMethodNotFound"), raised.value.faultString


def test_wrong_key_is_forbidden_fault(mock):
    host_port = mock.url.split("://", 1)[1]
    uri = f"https://{'f' * 32}:x@{host_port}/v1/xmlrpc/"
    with xmlrpc.client.ServerProxy(uri, context=mock.ssl_context()) as server:
        with pytest.raises((xmlrpc.client.Fault, xmlrpc.client.ProtocolError)) as raised:
            server.internal.noop()

    if isinstance(raised.value, xmlrpc.client.Fault):
        assert raised.value.faultCode == 4
        assert raised.value.faultString.startswith("ApiErrorForbidden")
    else:
        assert raised.value.errcode == 403


def test_multicall_returns_results_in_order(proxy):
    batch = xmlrpc.client.MultiCall(proxy)
    batch.internal.echo({"string": "first"})
    batch.internal.noop()
    batch.server.info({"name": "BADSERVERNAME"})
    batch.internal.echo({"integer": 3})

    results = batch()

    assert results[0]["string"] == "first"
    assert results[1] == {}
    with pytest.raises(xmlrpc.client.Fault) as raised:
        results[2]
    assert raised.value.faultCode == 3
    assert results[3]["integer"] == 3


def test_python_example_flow(proxy):
    methods = proxy.system.listMethods()
    assert "server.reboot" in methods
    assert proxy.system.methodHelp("service.list")

    services = proxy.service.list()
    assert "myserver1" in {service["name"] for service in services}, services

    servers = proxy.server.list()
    assert "myserver1" in {server["name"] for server in servers}, servers

    info = proxy.server.info({"name": "myserver1"})
    assert info["name"] == "myserver1"

    renamed = proxy.service.set_nickname({"name": "myserver1", "nickname": "www"})
    assert renamed["nickname"] == "www", renamed
    assert proxy.service.info({"name": "myserver1"})["nickname"] == "www"

    job = proxy.server.reboot({"name": "myserver1"})
    assert len(job["id"]) == 32, job
    assert job["service"] == "myserver1", job

    status = wait_for_job(proxy, job["id"])
    assert status["finished"] is True, status
    assert status["error"] is False, status


def wait_for_job(proxy, job_id: str) -> dict:
    status = proxy.job.status({"id": job_id})
    for _ in range(MAX_JOB_POLLS):
        if status["finished"]:
            break
        time.sleep(0.1)
        status = proxy.job.status({"id": job_id})
    return status


def test_empty_password_in_uri_is_accepted(mock, api_key):
    host_port = mock.url.split("://", 1)[1]
    uri = f"https://{api_key}:@{host_port}/v1/xmlrpc/"

    with xmlrpc.client.ServerProxy(uri, context=mock.ssl_context()) as server:
        assert server.internal.noop() == {}
