"""Hostile and heavy input: XML entity attacks, a stalled client, scoped keys, parallel writes."""

from __future__ import annotations

import base64
import concurrent.futures
import json
import socket
import ssl
import time
import urllib.error
import urllib.request
import xmlrpc.client

import pytest

from conftest import find_scoped_key

# A hostile document must be rejected well within this many seconds.
FAST_REPLY_SECONDS = 5.0
# How long the stalled client waits for the server to give up on it; the session server
# runs with --request-timeout 5.
STALLED_CLIENT_LIMIT_SECONDS = 30.0

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<methodCall><methodName>internal.echo</methodName><params><param><value><struct>
<member><name>string</name><value><string>&lol9;</string></value></member>
</struct></value></param></params></methodCall>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE call [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<methodCall><methodName>internal.echo</methodName><params><param><value><struct>
<member><name>string</name><value><string>&secret;</string></value></member>
</struct></value></param></params></methodCall>
"""


def post_xml(mock, api_key: str, document: str) -> tuple[int, str, float]:
    """POST an XML-RPC document; return the HTTP status, the body and the seconds taken."""
    credentials = base64.b64encode(f"{api_key}:x".encode()).decode()
    request = urllib.request.Request(
        mock.url + "/v1/xmlrpc/", data=document.encode(), method="POST",
        headers={"Content-Type": "text/xml", "Authorization": f"Basic {credentials}"},
    )
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, context=mock.ssl_context(), timeout=30) as reply:
            status, body = reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    return status, body, time.monotonic() - started


def parse_fault(body: str) -> xmlrpc.client.Fault:
    try:
        xmlrpc.client.loads(body)
    except xmlrpc.client.Fault as fault:
        return fault
    raise AssertionError(f"expected an XML-RPC fault, got a result: {body}")


def test_billion_laughs_is_fault(mock, api_key):
    status, body, seconds = post_xml(mock, api_key, BILLION_LAUGHS)

    assert seconds < FAST_REPLY_SECONDS, f"took {seconds:.1f} s: HTTP {status} {body[:300]}"
    fault = parse_fault(body)
    assert fault.faultString.startswith("ApiError"), fault
    assert "lollollol" not in body


def test_external_entity_is_fault(mock, api_key):
    status, body, seconds = post_xml(mock, api_key, EXTERNAL_ENTITY)

    assert seconds < FAST_REPLY_SECONDS, f"took {seconds:.1f} s: HTTP {status} {body[:300]}"
    fault = parse_fault(body)
    assert fault.faultString.startswith("ApiError"), fault
    assert "root:" not in body


def test_server_answers_after_xml_attacks(mock, api_key):
    post_xml(mock, api_key, BILLION_LAUGHS)
    post_xml(mock, api_key, EXTERNAL_ENTITY)

    status, body, _ = post_xml(mock, api_key, xmlrpc.client.dumps(({"string": "ok"},),
                                                                  "internal.echo"))

    assert status == 200, body
    (result,), _method = xmlrpc.client.loads(body)
    assert result["string"] == "ok"


def test_stalled_client_does_not_block_others(mock, api_key):
    context = mock.ssl_context()
    raw = socket.create_connection((mock.host, mock.port), timeout=STALLED_CLIENT_LIMIT_SECONDS)
    stalled = context.wrap_socket(raw, server_hostname=mock.host)
    try:
        # Half a request: the request line and one header, never the blank line.
        stalled.sendall(b"POST /v1/json/internal.noop HTTP/1.1\r\nHost: 127.0.0.1\r\n")

        started = time.monotonic()
        other = urllib.request.Request(f"{mock.url}/v1/json/internal.noop/?api_key={api_key}")
        with urllib.request.urlopen(other, context=context, timeout=10) as reply:
            assert reply.status == 200
            assert json.loads(reply.read()) == {}
        assert time.monotonic() - started < FAST_REPLY_SECONDS

        answer = read_until_closed(stalled, STALLED_CLIENT_LIMIT_SECONDS)
    finally:
        stalled.close()

    if answer:
        status_line = answer.split(b"\r\n", 1)[0]
        assert status_line.startswith(b"HTTP/1.1 408"), answer[:300]
    assert time.monotonic() - started >= 4, "the stalled connection ended before the timeout"


def read_until_closed(connection: ssl.SSLSocket, limit: float) -> bytes:
    """Read until the server closes the connection; fail after `limit` seconds."""
    deadline = time.monotonic() + limit
    received = b""
    while time.monotonic() < deadline:
        connection.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            chunk = connection.recv(4096)
        except (ConnectionResetError, ssl.SSLError):
            return received
        except TimeoutError:
            break
        if not chunk:
            return received
        received += chunk
    pytest.fail(f"the server kept a stalled connection open for {limit} s")


@pytest.fixture(scope="module")
def scoped_key(default_fixture) -> tuple[str, dict]:
    """The fixture's first key with scopes, and its scopes (method and name lists)."""
    key, scopes = find_scoped_key(default_fixture)
    assert scopes.get("method"), f"the scoped key {key} has no method scope: {scopes}"
    return key, scopes


@pytest.fixture(scope="module")
def server_names(default_fixture) -> list[str]:
    return [server["name"] for server in default_fixture["accounts"][0]["servers"]]


def call_json(curl, method: str, key: str, **parameters: str):
    arguments = ["--user", f"{key}:x"]
    for name, value in parameters.items():
        arguments += ["--data-urlencode", f"{name}={value}"]
    return curl(f"/v1/json/{method}/", *arguments)


def in_scope_call(scopes: dict, server_names: list[str]) -> tuple[str, dict]:
    """Return a method and parameters that the scopes allow, naming a server if needed."""
    method = next((method for method in scopes["method"] if method.startswith("server.info")),
                  scopes["method"][0])
    names = scopes.get("name") or server_names
    return method, {"name": names[0]}


def assert_forbidden(response) -> None:
    assert response.status == 403, response
    body = response.json()
    assert body["error_type"] == "ApiErrorForbidden", response
    assert body["error_code"] == 4, response


def test_scoped_key_allowed_inside_scope(curl, scoped_key, server_names):
    key, scopes = scoped_key
    method, parameters = in_scope_call(scopes, server_names)

    response = call_json(curl, method, key, **parameters)

    assert response.status == 200, response


def test_scoped_key_rejected_outside_method_scope(curl, scoped_key):
    key, scopes = scoped_key
    outside = next(method for method in ("dns.zone_list", "service.list", "job.status")
                   if method not in scopes["method"])

    response = call_json(curl, outside, key)

    assert_forbidden(response)


def test_scoped_key_rejected_outside_name_scope(curl, scoped_key, server_names):
    key, scopes = scoped_key
    if not scopes.get("name"):
        pytest.skip(f"the scoped key {key} has no name scope")
    method, _ = in_scope_call(scopes, server_names)
    other = next(name for name in server_names if name not in scopes["name"])

    response = call_json(curl, method, key, name=other)

    assert_forbidden(response)


def test_scoped_key_rejected_over_xmlrpc(mock, scoped_key):
    key, scopes = scoped_key
    outside = next(method for method in ("dns.zone_list", "service.list")
                   if method not in scopes["method"])
    host_port = mock.url.split("://", 1)[1]
    uri = f"https://{key}:x@{host_port}/v1/xmlrpc/"

    with xmlrpc.client.ServerProxy(uri, context=mock.ssl_context()) as proxy:
        with pytest.raises(xmlrpc.client.Fault) as raised:
            getattr(proxy, outside)()

    assert raised.value.faultCode == 4
    assert raised.value.faultString.startswith("ApiErrorForbidden"), raised.value.faultString


def test_disabled_key_is_rejected(curl, default_fixture):
    keys = default_fixture["accounts"][0]["api_keys"]
    disabled = next((entry["key"] for entry in keys if entry.get("enabled") is False), None)
    if disabled is None:
        pytest.skip("the default fixture has no disabled key")

    response = call_json(curl, "internal.noop", disabled)

    assert_forbidden(response)


def test_parallel_writes_are_all_kept(mock, api_key):
    # 40 clients on their own connections create a record each in one new zone at once.
    def call(method: str, **parameters):
        credentials = base64.b64encode(f"{api_key}:x".encode()).decode()
        request = urllib.request.Request(
            f"{mock.url}/v1/json/{method}/", data=json.dumps(parameters).encode(),
            headers={"Content-Type": "application/json",
                     "Authorization": f"Basic {credentials}"},
        )
        with urllib.request.urlopen(request, context=mock.ssl_context(), timeout=30) as reply:
            return json.loads(reply.read())

    zone = call("dns.zone_create", nickname="parallel.example")
    names = [f"host{index}" for index in range(40)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=40) as pool:
        created = list(pool.map(
            lambda name: call("dns.zone_record_create", zone_id=zone["id"], type="A",
                              record=name, address="192.0.2.99"),
            names,
        ))

    assert sorted(record["record"] for record in created) == sorted(names)
    assert len({record["id"] for record in created}) == len(names), created
    stored = call("dns.zone_info", id=zone["id"])["records"]
    assert sorted(record["record"] for record in stored) == sorted(names), stored
