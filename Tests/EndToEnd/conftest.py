"""Fixtures shared by the end-to-end tests: a running memset-mock and ways to call it."""

from __future__ import annotations

import json
import socket
import subprocess
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pytest

from memset_mock import REPO_ROOT, MemsetMock

# xmlrpc.client and jsonrpclib set no timeout of their own, so a stuck server would hang
# the suite. Every socket a test opens gives up after 60 seconds instead.
socket.setdefaulttimeout(60)

# Instant jobs and a fixed seed make job.status and generated IDs repeatable. A short
# request timeout lets the stalled-client test finish in seconds instead of 30.
SERVER_ARGUMENTS = ["--host", "127.0.0.1", "--port", "0", "--in-memory", "--seed", "1",
                    "--job-speed", "instant", "--request-timeout", "5"]


@pytest.fixture(scope="session")
def mock() -> MemsetMock:
    """A memset-mock on a free loopback port, stopped with SIGTERM after the session."""
    server = MemsetMock.start(SERVER_ARGUMENTS)
    yield server
    exit_code = server.stop()
    assert exit_code == 0, f"memset-mock exited with {exit_code} after SIGTERM"


@pytest.fixture(scope="session")
def api_key(mock: MemsetMock) -> str:
    assert mock.api_key, f"no 'Development API key:' line in {mock.startup_lines}"
    return mock.api_key


@pytest.fixture(scope="session")
def ca_path(mock: MemsetMock) -> str:
    assert mock.ca_path, f"no 'CA certificate:' line in {mock.startup_lines}"
    assert Path(mock.ca_path).is_file(), f"CA certificate {mock.ca_path} does not exist"
    return mock.ca_path


@pytest.fixture(scope="session")
def default_fixture() -> dict:
    """The default account as loaded from fixtures/default.json."""
    return json.loads((REPO_ROOT / "fixtures" / "default.json").read_text())


@dataclass(repr=False)
class CurlResponse:
    """One curl exchange, kept whole so a failing assert shows request and response."""

    command: list[str]
    status: int
    content_type: str
    body: str

    def json(self):
        try:
            return json.loads(self.body)
        except json.JSONDecodeError as error:
            raise AssertionError(f"response is not JSON ({error}): {self}") from None

    def __repr__(self) -> str:
        return (f"\n$ {' '.join(self.command)}\n-> HTTP {self.status} "
                f"({self.content_type})\n{self.body}")


@pytest.fixture(scope="session")
def curl(mock: MemsetMock, ca_path: str, tmp_path_factory):
    """Run curl against the server with its CA trusted; `path` is relative to its URL."""
    scratch = tmp_path_factory.mktemp("curl")

    def run(path: str, *arguments: str, timeout: float = 30) -> CurlResponse:
        body_file = scratch / "body"
        command = ["curl", "--silent", "--show-error", "--cacert", ca_path,
                   "--output", str(body_file),
                   "--write-out", "%{http_code} %{content_type}",
                   *arguments, mock.url + path]
        completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        assert completed.returncode == 0, (
            f"curl failed with exit code {completed.returncode}: {completed.stderr}\n"
            f"$ {' '.join(command)}"
        )
        status, _, content_type = completed.stdout.partition(" ")
        body = body_file.read_text() if body_file.exists() else ""
        body_file.unlink(missing_ok=True)
        return CurlResponse(command, int(status), content_type, body)

    return run


def find_scoped_key(account: dict) -> tuple[str, dict]:
    """Return the first API key in the fixture that has a non-empty `scopes` dictionary."""
    pending = [account]
    while pending:
        item = pending.pop(0)
        if isinstance(item, dict):
            key = item.get("key") or item.get("api_key")
            scopes = item.get("scopes")
            if isinstance(key, str) and isinstance(scopes, dict) and any(scopes.values()):
                return key, scopes
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    raise LookupError("fixtures/default.json contains no API key with scopes")


def query(**parameters: str) -> str:
    return "?" + urllib.parse.urlencode(parameters)
