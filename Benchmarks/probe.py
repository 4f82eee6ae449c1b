#!/usr/bin/env python3
"""Measurements for Benchmarks/run that wrk cannot make: start-up time and memory.

    probe.py free-port
    probe.py startup RUNS COMMAND...    (the word PORT in COMMAND becomes a free port)
    probe.py connections URL API_KEY CA_FILE PID COUNT

Only loopback addresses are contacted, every loop is bounded, and every process this
script starts is stopped before it returns.
"""

from __future__ import annotations

import socket
import ssl
import statistics
import subprocess
import sys
import time
import urllib.parse

# Give up on a start-up that has sent no response after this many seconds.
STARTUP_LIMIT_SECONDS = 30.0
POLL_INTERVAL_SECONDS = 0.002


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def resident_kib(pid: int) -> tuple[int, int]:
    """Return VmRSS and RssAnon of a process in KiB, from /proc/PID/status.

    RssAnon leaves out the pages of mapped files such as shared libraries, which other
    processes share.
    """
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "RssAnon"):
                fields[name] = int(value.split()[0])
    if len(fields) != 2:
        raise RuntimeError(f"no VmRSS or RssAnon line in /proc/{pid}/status")
    return fields["VmRSS"], fields["RssAnon"]


def noop_request(host: str, api_key: str) -> bytes:
    return (f"POST /v1/json/internal.noop/?api_key={api_key} HTTP/1.1\r\n"
            f"Host: {host}\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n").encode()


def read_response(connection: ssl.SSLSocket) -> int:
    """Read one HTTP/1.1 response with a Content-Length body; return its status code."""
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = connection.recv(4096)
        if not chunk:
            raise ConnectionError(f"connection closed after {received!r}")
        received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = connection.recv(4096)
        if not chunk:
            raise ConnectionError("connection closed inside the body")
        body += chunk
    return int(lines[0].split()[1])


def measure_startup(runs: int, command: list[str]) -> None:
    """Print the median milliseconds from process start to the first HTTP response.

    Any status counts, because the request carries no API key. The samples follow the
    median on the same line.
    """
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # Only the timing matters, not the certificate.
    samples = []
    for _ in range(runs):
        port = free_port()
        started = time.monotonic()
        arguments = [str(port) if word == "PORT" else word for word in command]
        process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            samples.append(wait_for_first_response(port, context, started))
        finally:
            stop(process)
    print(f"{statistics.median(samples) * 1000:.1f} "
          + " ".join(f"{sample * 1000:.1f}" for sample in samples))


def stop(process: subprocess.Popen) -> None:
    """Send SIGTERM and wait; kill the process if it has not exited after 5 seconds."""
    process.terminate()
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        # A server that does not stop in time is killed, so the benchmark still ends.
        process.kill()
        process.wait()


def wait_for_first_response(port: int, context: ssl.SSLContext, started: float) -> float:
    deadline = started + STARTUP_LIMIT_SECONDS
    request = b"GET /v1/json/internal.noop/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as raw:
                with context.wrap_socket(raw) as connection:
                    connection.sendall(request)
                    read_response(connection)
                    return time.monotonic() - started
        except (ConnectionError, OSError):
            time.sleep(POLL_INTERVAL_SECONDS)
    raise TimeoutError(f"no response on port {port} within {STARTUP_LIMIT_SECONDS} s")


def hold_connections(url: str, api_key: str, ca_file: str, pid: int, count: int) -> None:
    """Open COUNT keep-alive TLS connections, one request each, and print VmRSS in KiB.

    Prints `idle_kib idle_anon_kib held_kib held_anon_kib opened`, where `opened` counts
    the connections that got a 200 response. A shortfall means the server rejected or
    dropped connections.
    """
    parsed = urllib.parse.urlsplit(url)
    context = ssl.create_default_context(cafile=ca_file)
    idle, idle_anonymous = resident_kib(pid)
    request = noop_request(parsed.hostname, api_key)
    connections = []
    failures: dict[str, int] = {}
    try:
        for _ in range(count):
            try:
                raw = socket.create_connection((parsed.hostname, parsed.port), timeout=10)
                connection = context.wrap_socket(raw, server_hostname=parsed.hostname)
                connection.sendall(request)
                status = read_response(connection)
                if status != 200:
                    raise ConnectionError(f"HTTP {status}")
                connections.append(connection)
            except (OSError, ConnectionError) as error:
                failures[type(error).__name__] = failures.get(type(error).__name__, 0) + 1
        time.sleep(0.5)
        held, held_anonymous = resident_kib(pid)
    finally:
        for connection in connections:
            connection.close()
    if failures:
        print(f"connection failures: {failures}", file=sys.stderr)
    print(f"{idle} {idle_anonymous} {held} {held_anonymous} {len(connections)}")


def main(arguments: list[str]) -> None:
    if not arguments:
        sys.exit(__doc__)
    command, rest = arguments[0], arguments[1:]
    if command == "free-port":
        print(free_port())
    elif command == "startup" and len(rest) >= 2:
        measure_startup(int(rest[0]), rest[1:])
    elif command == "connections" and len(rest) == 5:
        hold_connections(rest[0], rest[1], rest[2], int(rest[3]), int(rest[4]))
    else:
        sys.exit(f"invalid arguments {arguments!r}\n{__doc__}")


if __name__ == "__main__":
    main(sys.argv[1:])
