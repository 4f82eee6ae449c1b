"""Process behaviour: command line errors, signals, plain HTTP, the data folder."""

from __future__ import annotations

import base64
import json
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from memset_mock import MemsetMock, find_binary

QUICK_ARGUMENTS = ["--host", "127.0.0.1", "--port", "0", "--seed", "1", "--job-speed", "instant"]


def call_json(server: MemsetMock, method: str, **parameters):
    """POST JSON parameters to /v1/json/METHOD/ and return the status and decoded body."""
    credentials = base64.b64encode(f"{server.api_key}:x".encode()).decode()
    request = urllib.request.Request(
        f"{server.url}/v1/json/{method}/", data=json.dumps(parameters).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Basic {credentials}"},
    )
    context = server.ssl_context() if server.url.startswith("https") else None
    try:
        with urllib.request.urlopen(request, context=context, timeout=30) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_unknown_option_exits_2_with_message():
    completed = subprocess.run([str(find_binary()), "--no-such-option"], capture_output=True,
                               text=True, timeout=30)

    assert completed.returncode == 2, completed
    output = completed.stdout + completed.stderr
    assert "--no-such-option" in output, output


def test_invalid_port_names_value():
    completed = subprocess.run([str(find_binary()), "--port", "70000"], capture_output=True,
                               text=True, timeout=30)

    assert completed.returncode == 2, completed
    assert "70000" in completed.stdout + completed.stderr


def test_help_lists_options():
    completed = subprocess.run([str(find_binary()), "--help"], capture_output=True, text=True,
                               timeout=30)

    assert completed.returncode == 0, completed
    for option in ("--host", "--port", "--data-dir", "--in-memory", "--fixture", "--seed",
                   "--job-speed", "--cert", "--key", "--plain-http", "--max-body-size"):
        assert option in completed.stdout, f"{option} missing from --help: {completed.stdout}"


def test_sigint_stops_with_exit_0():
    server = MemsetMock.start([*QUICK_ARGUMENTS, "--in-memory"])
    status, body = call_json(server, "internal.noop")
    server.process.send_signal(signal.SIGINT)

    assert status == 200, body
    assert server.process.wait(15) == 0


def test_signal_right_after_listening_line_exits_0():
    # The server watches for signals before it prints the listening line, so a script
    # that stops it as soon as it appears gets a graceful exit.
    outcomes = []
    for number in [signal.SIGTERM, signal.SIGINT] * 5:
        server = MemsetMock.start([*QUICK_ARGUMENTS, "--in-memory", "--quiet"])
        server.process.send_signal(number)
        try:
            outcomes.append((number.name, server.process.wait(5)))
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()
            outcomes.append((number.name, "no exit within 5 s"))

    assert all(outcome == 0 for _, outcome in outcomes), outcomes


def test_plain_http_serves_json():
    server = MemsetMock.start([*QUICK_ARGUMENTS, "--in-memory", "--plain-http"])
    try:
        assert server.url.startswith("http://"), server.url
        assert server.ca_path is None, server.startup_lines
        status, body = call_json(server, "server.info", name="myserver1")
    finally:
        exit_code = server.stop()

    assert status == 200, body
    assert body["name"] == "myserver1", body
    assert exit_code == 0


def test_data_folder_keeps_changes_across_restart(tmp_path: Path):
    data = tmp_path / "data"
    first = MemsetMock.start([*QUICK_ARGUMENTS, "--data-dir", str(data)])
    try:
        status, zone = call_json(first, "dns.zone_create", nickname="kept.example", ttl=300)
        assert status == 200, zone
        first_ca = Path(first.ca_path).read_bytes()
    finally:
        assert first.stop() == 0

    second = MemsetMock.start([*QUICK_ARGUMENTS, "--data-dir", str(data)])
    try:
        status, zones = call_json(second, "dns.zone_list")
        second_ca = Path(second.ca_path).read_bytes()
    finally:
        assert second.stop() == 0

    assert status == 200, zones
    assert zone["id"] in {entry["id"] for entry in zones}, zones
    assert second_ca == first_ca, "the local CA changed between two starts on one folder"


def test_answered_write_survives_sigkill(tmp_path: Path):
    data = tmp_path / "data"
    first = MemsetMock.start([*QUICK_ARGUMENTS, "--data-dir", str(data)])
    try:
        status, zone = call_json(first, "dns.zone_create", nickname="killed.example")
        assert status == 200, zone
    finally:
        first.process.send_signal(signal.SIGKILL)
        first.process.wait(15)

    second = MemsetMock.start([*QUICK_ARGUMENTS, "--data-dir", str(data)])
    try:
        status, zones = call_json(second, "dns.zone_list")
    finally:
        assert second.stop() == 0

    assert zone["id"] in {entry["id"] for entry in zones}, zones


def test_in_memory_forgets_changes(tmp_path: Path):
    arguments = [*QUICK_ARGUMENTS, "--in-memory", "--data-dir", str(tmp_path / "unused")]
    first = MemsetMock.start(arguments)
    try:
        status, zone = call_json(first, "dns.zone_create", nickname="forgotten.example")
        assert status == 200, zone
    finally:
        assert first.stop() == 0

    second = MemsetMock.start(arguments)
    try:
        status, zones = call_json(second, "dns.zone_list")
    finally:
        assert second.stop() == 0

    assert "forgotten.example" not in {entry["nickname"] for entry in zones}, zones
    assert not (tmp_path / "unused").exists(), "--in-memory wrote to the data folder"


def test_fixture_option_seeds_account(tmp_path: Path):
    fixture = {
        "accounts": [{
            "name": "tiny",
            "api_keys": [{"key": "1234567890abcdef1234567890abcdef", "created": "2025-01-01"}],
            "dns_zones": [{"id": "7a6f6e652d74696e792d303030303031", "nickname": "tiny zone",
                           "ttl": 0}],
        }],
    }
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(fixture))
    server = MemsetMock.start([*QUICK_ARGUMENTS, "--in-memory", "--fixture", str(path)])
    try:
        assert server.api_key == "1234567890abcdef1234567890abcdef", server.startup_lines
        status, zones = call_json(server, "dns.zone_list")
    finally:
        assert server.stop() == 0

    assert status == 200, zones
    assert [zone["nickname"] for zone in zones] == ["tiny zone"], zones


def test_invalid_fixture_names_field(tmp_path: Path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"accounts": [{"name": "x", "api_keys": [{"key": "short"}]}]}))

    with pytest.raises(RuntimeError) as raised:
        MemsetMock.start([*QUICK_ARGUMENTS, "--in-memory", "--fixture", str(path)], timeout=15)

    assert "api_keys[0]" in str(raised.value), raised.value


def test_job_speed_factor_runs_job_in_time():
    # A reboot takes 10 simulated seconds (2 NEW, 8 REBOOTING); at speed 50 that is 0.2 s.
    server = MemsetMock.start(["--host", "127.0.0.1", "--port", "0", "--in-memory",
                               "--job-speed", "50"])
    try:
        status, job = call_json(server, "server.reboot", name="myserver1")
        assert status == 200, job
        assert job["finished"] is False, job
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            status, polled = call_json(server, "job.status", id=job["id"])
            assert status == 200, polled
            if polled["finished"]:
                break
            time.sleep(0.05)
    finally:
        assert server.stop() == 0

    assert polled["finished"] is True, f"the reboot job was not finished after 10 s: {polled}"
    assert polled["error"] is False, polled
