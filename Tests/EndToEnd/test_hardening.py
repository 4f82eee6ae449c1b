"""Hostile input: XML entity attacks, a client that stalls mid-request, scoped keys."""

from __future__ import annotations

import base64
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
# How long the stalled client waits for the server to give up on it.
STALLED_CLIENT_LIMIT_SECONDS = 90.0

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
    return find_scoped_key(default_fixture)


def call_json(curl, method: str, key: str, **parameters: str):
    arguments = ["--user", f"{key}:x"]
    for name, value in parameters.items():
        arguments += ["--data-urlencode", f"{name}={value}"]
    return curl(f"/v1/json/{method}/", *arguments)


def test_scoped_key_allowed_inside_scope(curl, scoped_key):
    key, scopes = scoped_key
    method = scopes.get("method", ["internal.noop"])[0]
    names = scopes.get("name", [])
    parameters = {"name": names[0]} if names else {}
    if method == "server.reboot" and not names:
        parameters = {"name": "myserver1"}

    response = call_json(curl, method, key, **parameters)

    assert response.status == 200, response


def test_scoped_key_rejected_outside_scope(curl, scoped_key):
    key, scopes = scoped_key
    allowed_methods = scopes.get("method", [])
    outside = next(method for method in ("dns.zone_list", "service.list", "internal.noop")
                   if method not in allowed_methods)

    response = call_json(curl, outside, key)

    assert response.status == 403, response
    body = response.json()
    assert body["error_type"] == "ApiErrorForbidden", response
    assert body["error_code"] == 4, response
