"""Start and stop memset-mock processes for the end-to-end tests."""

from __future__ import annotations

import os
import re
import signal
import ssl
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

LISTENING_LINE = re.compile(r"^memset-mock listening on (https?://\S+?)/?$")
CA_LINE = re.compile(r"^CA certificate: (.+)$")
KEY_LINE = re.compile(r"^Development API key: ([0-9a-f]{32})$")


def find_binary() -> Path:
    """Return the memset-mock binary: $MEMSET_MOCK_BINARY, else the newest local build."""
    configured = os.environ.get("MEMSET_MOCK_BINARY")
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise FileNotFoundError(f"MEMSET_MOCK_BINARY={configured} is not a file")
        return path
    candidates = [
        REPO_ROOT / ".build" / configuration / "memset-mock"
        for configuration in ("debug", "release")
    ]
    built = [path for path in candidates if path.is_file()]
    if not built:
        raise FileNotFoundError(
            "memset-mock is not built: run `swift build` or set MEMSET_MOCK_BINARY"
        )
    return max(built, key=lambda path: path.stat().st_mtime)


@dataclass
class MemsetMock:
    """A running memset-mock process and what its start-up output announced."""

    process: subprocess.Popen
    url: str
    ca_path: str | None
    api_key: str | None
    startup_lines: list[str]
    log_lines: list[str] = field(default_factory=list)
    _reader: threading.Thread | None = None

    @classmethod
    def start(
        cls,
        arguments: list[str],
        binary: Path | None = None,
        timeout: float = 30.0,
        cwd: Path = REPO_ROOT,
    ) -> "MemsetMock":
        """Start memset-mock and wait for its listening line.

        Raises RuntimeError with the output so far when the process exits or does not
        print the listening line within `timeout` seconds.
        """
        command = [str(binary or find_binary()), *arguments]
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        lines: list[str] = []
        found: dict[str, str] = {}
        ready = threading.Event()

        def read_startup() -> None:
            assert process.stdout is not None
            for raw_line in process.stdout:
                line = raw_line.rstrip("\n")
                lines.append(line)
                for name, pattern in (("ca", CA_LINE), ("key", KEY_LINE), ("url", LISTENING_LINE)):
                    match = pattern.match(line.strip())
                    if match and name not in found:
                        found[name] = match.group(1)
                if "url" in found:
                    ready.set()
                    return
            ready.set()

        reader = threading.Thread(target=read_startup, daemon=True)
        reader.start()
        ready.wait(timeout)
        reader.join(0.1)
        if "url" not in found:
            process.kill()
            process.wait()
            output = "\n".join(lines)
            raise RuntimeError(
                f"{' '.join(command)} printed no listening line within {timeout} s "
                f"(exit code {process.returncode}); output:\n{output}"
            )

        server = cls(
            process=process,
            url=found["url"].rstrip("/"),
            ca_path=found.get("ca"),
            api_key=found.get("key"),
            startup_lines=lines,
        )
        server._reader = threading.Thread(target=server._drain_output, daemon=True)
        server._reader.start()
        return server

    def _drain_output(self) -> None:
        # Reads the per-request log lines so a full pipe never blocks the server.
        assert self.process.stdout is not None
        for raw_line in self.process.stdout:
            self.log_lines.append(raw_line.rstrip("\n"))

    @property
    def host(self) -> str:
        return self.url.split("://", 1)[1].rsplit(":", 1)[0]

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def ssl_context(self) -> ssl.SSLContext:
        """Return a client context that trusts only the server's CA certificate."""
        if self.ca_path is None:
            raise RuntimeError("the server printed no CA certificate line")
        return ssl.create_default_context(cafile=self.ca_path)

    def stop(self, timeout: float = 15.0) -> int:
        """Send SIGTERM, wait for the exit and return the exit code (kill on timeout)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise RuntimeError(f"memset-mock did not exit within {timeout} s of SIGTERM")
        if self._reader is not None:
            self._reader.join(2)
        return self.process.returncode
