"""The JSON endpoint (/v1/json/METHOD[/NAME]) driven by curl, as in the API's cURL example."""

from __future__ import annotations

import json
import subprocess

import pytest

JSON_TYPE = "application/json"


def assert_myserver1(response) -> None:
    assert response.status == 200, response
    assert response.content_type.startswith(JSON_TYPE), response
    body = response.json()
    assert body["name"] == "myserver1", response
    assert body["status"] == "LIVE", response
    assert body["type"] == "miniserver", response


def test_service_info_with_api_key_parameter(curl, api_key):
    response = curl(f"/v1/json/service.info/myserver1/?api_key={api_key}")

    assert_myserver1(response)


def test_service_info_with_basic_auth(curl, api_key):
    response = curl("/v1/json/service.info/myserver1/", "--user", f"{api_key}:x")

    assert_myserver1(response)


def test_parameters_json_in_form_body(curl, api_key):
    parameters = json.dumps({"name": "myserver1", "api_key": api_key})

    response = curl("/v1/json/service.info/", "--data-urlencode", f"parameters={parameters}")

    assert_myserver1(response)


def test_form_post_true_is_boolean_true(curl, api_key):
    response = curl("/v1/json/internal.echo/", "--user", f"{api_key}:x",
                    "--data", "boolean=True", "--data", "integer=42", "--data", "float=2.5")

    assert response.status == 200, response
    body = response.json()
    assert body["boolean"] is True, response
    assert body["integer"] == 42, response
    assert body["float"] == 2.5, response


def test_form_post_false_is_boolean_false(curl, api_key):
    response = curl("/v1/json/internal.echo/", "--user", f"{api_key}:x",
                    "--data", "boolean=False")

    assert response.status == 200, response
    assert response.json()["boolean"] is False, response


def test_form_post_zero_and_one_are_booleans(curl, api_key):
    one = curl("/v1/json/internal.echo/", "--user", f"{api_key}:x", "--data", "boolean=1")
    zero = curl("/v1/json/internal.echo/", "--user", f"{api_key}:x", "--data", "boolean=0")

    assert one.json()["boolean"] is True, one
    assert zero.json()["boolean"] is False, zero


def test_form_post_invalid_boolean_names_value(curl, api_key):
    response = curl("/v1/json/internal.echo/", "--user", f"{api_key}:x",
                    "--data", "boolean=maybe")

    assert response.status == 400, response
    body = response.json()
    assert body["error_type"] == "ApiErrorBadParameters", response
    assert body["error_code"] == 7, response
    assert "maybe" in body["error"], response


def test_unknown_server_is_404_json_error(curl, api_key):
    response = curl("/v1/json/service.info/BADSERVERNAME/", "--user", f"{api_key}:x")

    assert response.status == 404, response
    assert response.content_type.startswith(JSON_TYPE), response
    body = response.json()
    assert body["error_type"] == "ApiErrorDoesNotExist", response
    assert body["error_code"] == 3, response
    assert "BADSERVERNAME" in body["error"], response


def test_missing_key_is_401(curl):
    response = curl("/v1/json/service.info/myserver1/")

    assert response.status == 401, response
    body = response.json()
    assert body["error_type"] == "ApiErrorNotAuthorized", response
    assert body["error_code"] == 10, response


def test_wrong_key_is_403(curl):
    response = curl("/v1/json/service.info/myserver1/", "--user", "f" * 32 + ":x")

    assert response.status == 403, response
    body = response.json()
    assert body["error_type"] == "ApiErrorForbidden", response
    assert body["error_code"] == 4, response


def test_unknown_method_is_method_not_found(curl, api_key):
    response = curl("/v1/json/server.no_such_method/", "--user", f"{api_key}:x")

    assert response.status == 400, response
    body = response.json()
    assert body["error_type"] == "ApiErrorMethodNotFound", response
    assert body["error_code"] == 5, response


def test_get_with_empty_json_body_uses_query(curl, api_key):
    response = curl(f"/v1/json/internal.echo/?api_key={api_key}&string=hello&integer=7",
                    "--request", "GET", "--header", "Content-Type: application/json",
                    "--data", "{}")

    assert response.status == 200, response
    body = response.json()
    assert body["string"] == "hello", response
    assert body["integer"] == 7, response


def test_json_body_passes_parameters(curl, api_key):
    response = curl("/v1/json/internal.echo/", "--user", f"{api_key}:x",
                    "--header", "Content-Type: application/json",
                    "--data", json.dumps({"list": [1, "two"], "dictionary": {"a": True}}))

    assert response.status == 200, response
    body = response.json()
    assert body["list"] == [1, "two"], response
    assert body["dictionary"] == {"a": True}, response


def test_service_list_contains_fixture_services(curl, api_key):
    response = curl("/v1/json/service.list/", "--user", f"{api_key}:x")

    assert response.status == 200, response
    names = {service["name"] for service in response.json()}
    assert "myserver1" in names, response


def test_name_in_url_without_trailing_slash(curl, api_key):
    response = curl("/v1/json/server.info/myserver1", "--user", f"{api_key}:x")

    assert_myserver1(response)


def test_chunked_request_body_is_read(curl, api_key):
    response = curl("/v1/json/internal.echo/", "--user", f"{api_key}:x",
                    "--header", "Transfer-Encoding: chunked", "--data", "string=chunked")

    assert response.status == 200, response
    assert response.json()["string"] == "chunked", response


def test_body_over_limit_is_413(curl, api_key, tmp_path):
    # The server's default --max-body-size is 4 MiB.
    large = tmp_path / "large"
    large.write_bytes(b"string=" + b"a" * (4 * 1024 * 1024 + 1))

    response = curl("/v1/json/internal.echo/", "--user", f"{api_key}:x",
                    "--data-binary", f"@{large}")

    assert response.status == 413, response


def test_keep_alive_serves_several_requests(mock, api_key, ca_path):
    url = f"{mock.url}/v1/json/internal.noop/?api_key={api_key}"
    completed = subprocess.run(
        ["curl", "--silent", "--show-error", "--cacert", ca_path, "--write-out",
         "%{http_code} %{num_connects}\n", "--output", "/dev/null", url,
         "--output", "/dev/null", url, "--output", "/dev/null", url],
        capture_output=True, text=True, timeout=30,
    )

    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.split()
    assert lines == ["200", "1", "200", "0", "200", "0"], completed.stdout


@pytest.mark.parametrize("method", ["firewalling.rule_group_list", "server.snapshot_list",
                                    "memstore.container.create", "invoice.list"])
def test_unsimulated_method_is_method_not_found(curl, api_key, method):
    response = curl(f"/v1/json/{method}/", "--user", f"{api_key}:x")

    assert response.status == 400, response
    body = response.json()
    assert body["error_type"] == "ApiErrorMethodNotFound", response
    assert body["error_code"] == 5, response
    assert method in body["error"], response
