"""Ansible's community.general memset modules, unmodified, against memset-mock.

The modules only call https://api.memset.com/v1/json/, so this module starts a second
memset-mock on 127.0.0.1:443 and runs ansible-playbook inside a private mount namespace
whose /etc/hosts maps api.memset.com to 127.0.0.1. SSL_CERT_FILE makes Python's default
context (which the modules' `open_url` uses) trust the mock's CA. Needs root for port 443,
`unshare --mount` and `mount --bind`; the tests are skipped when those are not permitted.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from conftest import SERVER_ARGUMENTS
from memset_mock import MemsetMock

API_HOST = "api.memset.com"
PLAYBOOK_TIMEOUT_SECONDS = 300

ZONE = "e2e-zone.example"
DOMAIN_ZONE = "e2e-domains.example"
DOMAIN = "e2e-domain.example"
RECORD_ZONE = "e2e-records.example"


def namespace_problem() -> str | None:
    """Return why the mount-namespace trick cannot run here, or None when it can."""
    if os.geteuid() != 0:
        return "needs root to bind port 443 and mount over /etc/hosts"
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is not installed"
    probe = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "--",
         "mount", "--bind", "/etc/hosts", "/etc/hosts"],
        capture_output=True, text=True, timeout=30,
    )
    if probe.returncode != 0:
        return f"unshare --mount / mount --bind not permitted: {probe.stderr.strip()}"
    return None


@pytest.fixture(scope="module")
def api_host_mock():
    problem = namespace_problem()
    if problem:
        pytest.skip(problem)
    arguments = list(SERVER_ARGUMENTS)
    arguments[arguments.index("--port") + 1] = "443"
    server = MemsetMock.start(arguments)
    yield server
    exit_code = server.stop()
    assert exit_code == 0, f"memset-mock on port 443 exited with {exit_code} after SIGTERM"


def call_json(server: MemsetMock, method: str, **parameters):
    credentials = base64.b64encode(f"{server.api_key}:x".encode()).decode()
    request = urllib.request.Request(
        f"{server.url}/v1/json/{method}/", data=json.dumps(parameters).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Basic {credentials}"},
    )
    with urllib.request.urlopen(request, context=server.ssl_context(), timeout=30) as reply:
        return json.loads(reply.read())


def memset_task(title: str, module: str, /, **arguments) -> dict:
    """Build one task that keeps the play going when it fails, so each test gets a result."""
    return {
        "name": title,
        f"community.general.{module}": {"api_key": "{{ api_key }}", **arguments},
        "ignore_errors": True,
    }


def build_playbook(memstore_name: str) -> list[dict]:
    zone = {"name": ZONE, "state": "present", "ttl": 300}
    domain = {"domain": DOMAIN, "zone": DOMAIN_ZONE}
    record = {"zone": RECORD_ZONE, "type": "A", "record": "www", "address": "192.0.2.10",
              "ttl": 300}
    mx_record = {"zone": RECORD_ZONE, "type": "MX", "record": "", "address": "mail",
                 "priority": 10, "relative": True}
    tasks = [
        memset_task("zone create", "memset_zone", **zone),
        memset_task("zone create again", "memset_zone", **zone),
        memset_task("zone change ttl", "memset_zone", **{**zone, "ttl": 600}),
        memset_task("zone delete", "memset_zone", name=ZONE, state="absent"),
        memset_task("zone delete again", "memset_zone", name=ZONE, state="absent"),

        memset_task("domain zone", "memset_zone", name=DOMAIN_ZONE, state="present"),
        memset_task("domain create", "memset_zone_domain", state="present", **domain),
        memset_task("domain create again", "memset_zone_domain", state="present", **domain),
        memset_task("domain delete", "memset_zone_domain", state="absent", **domain),
        memset_task("domain delete again", "memset_zone_domain", state="absent", **domain),
        memset_task("domain zone delete", "memset_zone", name=DOMAIN_ZONE, state="absent",
                    force=True),

        memset_task("record zone", "memset_zone", name=RECORD_ZONE, state="present"),
        memset_task("record create", "memset_zone_record", state="present", **record),
        memset_task("record create again", "memset_zone_record", state="present", **record),
        memset_task("record change address", "memset_zone_record", state="present",
                    **{**record, "address": "192.0.2.11"}),
        memset_task("record delete", "memset_zone_record", state="absent",
                    **{**record, "address": "192.0.2.11"}),
        memset_task("record delete again", "memset_zone_record", state="absent",
                    **{**record, "address": "192.0.2.11"}),
        memset_task("mx record create", "memset_zone_record", state="present", **mx_record),
        memset_task("mx record create again", "memset_zone_record", state="present",
                    **mx_record),
        memset_task("record zone delete", "memset_zone", name=RECORD_ZONE, state="absent",
                    force=True),

        memset_task("dns reload", "memset_dns_reload", poll=True),
        memset_task("server info", "memset_server_info", name="myserver1"),
        memset_task("server info unknown", "memset_server_info", name="BADSERVERNAME"),
        memset_task("memstore info", "memset_memstore_info", name=memstore_name),
    ]
    return [{"hosts": "localhost", "connection": "local", "gather_facts": False,
             "tasks": tasks}]


@pytest.fixture(scope="module")
def playbook_results(api_host_mock, tmp_path_factory) -> dict[str, dict]:
    """Run the playbook once and return each task's result by task name."""
    scratch = tmp_path_factory.mktemp("ansible")
    services = call_json(api_host_mock, "service.list")
    memstores = [service["name"] for service in services
                 if "memstore" in str(service.get("type", "")).lower()]
    assert memstores, f"the default account has no Memstore service: {services}"

    playbook = scratch / "memset.yml"
    playbook.write_text(json.dumps(build_playbook(memstores[0]), indent=1))
    hosts = scratch / "hosts"
    hosts.write_text(Path("/etc/hosts").read_text() + f"\n127.0.0.1 {API_HOST}\n")

    binaries = Path(sys.executable).parent
    environment = {
        **os.environ,
        "PATH": f"{binaries}{os.pathsep}{os.environ.get('PATH', '')}",
        "SSL_CERT_FILE": api_host_mock.ca_path,
        "REQUESTS_CA_BUNDLE": api_host_mock.ca_path,
        "ANSIBLE_HOME": str(scratch / "home"),
        "ANSIBLE_LOCAL_TEMP": str(scratch / "tmp"),
        "ANSIBLE_REMOTE_TEMP": str(scratch / "remote-tmp"),
        "ANSIBLE_STDOUT_CALLBACK": "ansible.posix.json",
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ANSIBLE_LOCALHOST_WARNING": "false",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "false",
        "ANSIBLE_NOCOLOR": "1",
    }
    # The bind mount exists only inside the new namespace, so the host's /etc/hosts and
    # every other process keep resolving api.memset.com as before.
    command = [
        "unshare", "--mount", "--propagation", "private", "--",
        "sh", "-c", 'mount --bind "$0" /etc/hosts && exec "$@"', str(hosts),
        str(binaries / "ansible-playbook"), "-i", "localhost,", str(playbook),
        "-e", json.dumps({"api_key": api_host_mock.api_key}),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, env=environment,
                               timeout=PLAYBOOK_TIMEOUT_SECONDS)
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"ansible-playbook exited with {completed.returncode} and no JSON report:\n"
                    f"{completed.stdout}\n{completed.stderr}")

    results = {}
    for task in report["plays"][0]["tasks"]:
        results[task["task"]["name"]] = task["hosts"]["localhost"]
    results["_server_log"] = api_host_mock.log_lines
    return results


def task_result(results: dict, name: str) -> dict:
    assert name in results, f"task '{name}' did not run; ran {sorted(results)}"
    return results[name]


def assert_succeeded(results: dict, name: str, changed: bool) -> dict:
    result = task_result(results, name)
    log = "\n".join(results["_server_log"][-30:])
    assert not result.get("failed"), f"task '{name}' failed: {result}\nserver log:\n{log}"
    assert result.get("changed") is changed, (
        f"task '{name}' reported changed={result.get('changed')}, expected {changed}: "
        f"{result}\nserver log:\n{log}"
    )
    return result


def test_zone_create_then_idempotent(playbook_results):
    created = assert_succeeded(playbook_results, "zone create", changed=True)
    assert created["memset_api"]["nickname"] == ZONE
    assert created["memset_api"]["ttl"] == 300
    assert_succeeded(playbook_results, "zone create again", changed=False)


def test_zone_ttl_change_updates(playbook_results):
    updated = assert_succeeded(playbook_results, "zone change ttl", changed=True)
    assert updated["memset_api"]["ttl"] == 600


def test_zone_delete_then_idempotent(playbook_results):
    assert_succeeded(playbook_results, "zone delete", changed=True)
    assert_succeeded(playbook_results, "zone delete again", changed=False)


def test_zone_domain_create_then_idempotent(playbook_results):
    assert_succeeded(playbook_results, "domain zone", changed=True)
    created = assert_succeeded(playbook_results, "domain create", changed=True)
    assert created["memset_api"]["domain"] == DOMAIN
    assert_succeeded(playbook_results, "domain create again", changed=False)


def test_zone_domain_delete_then_idempotent(playbook_results):
    assert_succeeded(playbook_results, "domain delete", changed=True)
    assert_succeeded(playbook_results, "domain delete again", changed=False)
    assert_succeeded(playbook_results, "domain zone delete", changed=True)


def test_zone_record_create_then_idempotent(playbook_results):
    assert_succeeded(playbook_results, "record zone", changed=True)
    created = assert_succeeded(playbook_results, "record create", changed=True)
    assert created["memset_api"]["address"] == "192.0.2.10"
    assert_succeeded(playbook_results, "record create again", changed=False)


def test_zone_record_update_and_delete(playbook_results):
    assert_succeeded(playbook_results, "record change address", changed=True)
    deleted = assert_succeeded(playbook_results, "record delete", changed=True)
    assert deleted["memset_api"]["address"] == "192.0.2.11"
    assert_succeeded(playbook_results, "record delete again", changed=False)


def test_relative_mx_record_is_idempotent(playbook_results):
    created = assert_succeeded(playbook_results, "mx record create", changed=True)
    assert created["memset_api"]["priority"] == 10
    assert_succeeded(playbook_results, "mx record create again", changed=False)
    assert_succeeded(playbook_results, "record zone delete", changed=True)


def test_dns_reload_polls_until_finished(playbook_results):
    reloaded = assert_succeeded(playbook_results, "dns reload", changed=True)
    assert reloaded["memset_api"]["finished"] is True, reloaded
    assert reloaded["memset_api"]["error"] is False, reloaded


def test_server_info_returns_server(playbook_results):
    info = assert_succeeded(playbook_results, "server info", changed=False)
    assert info["memset_api"]["name"] == "myserver1"


def test_server_info_unknown_server_fails(playbook_results):
    result = task_result(playbook_results, "server info unknown")
    assert result.get("failed") is True, result
    assert "ApiErrorDoesNotExist" in result["msg"], result
    assert "404" in result["msg"], result


def test_memstore_info_returns_usage(playbook_results):
    usage = assert_succeeded(playbook_results, "memstore info", changed=False)
    for key in ("bytes", "containers", "objs"):
        assert key in usage["memset_api"], usage
