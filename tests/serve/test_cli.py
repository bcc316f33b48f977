"""`frcli serve` as a learner runs it: a real process, its banner, its errors, Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time

import httpx
import pytest

from fastapi_responses_cli.commands.serve import banner, is_loopback, network_warning, url_host
from fastapi_responses_cli.live_server import bind_loopback

from .conftest import frcli_command

BASE = re.compile(r"^frcli serve: \d+ demos? on (http://\S+)")


class Serving:
    """`frcli serve ARGS` in a child process; ``base`` once its banner says where it listens."""

    def __init__(self, *args: str) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
        self.proc = subprocess.Popen(
            [*frcli_command(), "serve", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            start_new_session=True,  # our signals only, never the test runner's terminal's
        )
        self.banner_lines: list[str] = []
        self.base = ""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.banner_lines.append(line.rstrip("\n"))
            if line.startswith("Press Ctrl-C"):
                break
        found = BASE.match(self.banner_lines[0]) if self.banner_lines else None
        if found is None:
            self.proc.kill()
            out, err = self.proc.communicate(timeout=10)
            raise AssertionError(f"no banner: {self.banner_lines} {out} {err}")
        self.base = found.group(1)
        self.wait_ready()

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                httpx.get(self.base + "/_site/site.css", timeout=1, trust_env=False)
                return
            except httpx.HTTPError:
                time.sleep(0.05)
        raise AssertionError("the server never answered")

    def interrupt(self, timeout: float = 15) -> tuple[int, str, str]:
        """Ctrl-C, as a terminal sends it; the exit code and what the process printed."""
        self.proc.send_signal(signal.SIGINT)
        out, err = self.proc.communicate(timeout=timeout)
        return self.proc.returncode, out, err

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate(timeout=10)


@pytest.fixture
def serving():
    started: list[Serving] = []

    def start(*args: str) -> Serving:
        s = Serving(*args)
        started.append(s)
        return s

    yield start
    for s in started:
        s.kill()


def test_banner_names_the_urls_and_they_answer(serving):
    s = serving("--port", "0")
    text = "\n".join(s.banner_lines)
    for what in ("Index", "API docs", "OpenAPI", "Live SSE", "Live JSONL"):
        assert re.search(rf"^  {what}\s+{re.escape(s.base)}/", text, re.M), what
    tries = [ln.split()[-1].strip("'") for ln in s.banner_lines if ln.lstrip().startswith("curl ")]
    assert tries, text
    with httpx.Client(trust_env=False, timeout=10) as client:
        for path in ("/", "/docs", "/openapi.json", "/live/sse", "/live/jsonl"):
            assert client.get(s.base + path).status_code == 200, path
        for url in tries:
            assert url.startswith(s.base)
            assert client.get(url).status_code < 500, url
    code, _, err = s.interrupt()
    assert code == 0
    assert "reachable from the network" not in err
    assert "Duplicate Operation ID" not in err  # the merged document gives each its own


def test_a_non_loopback_host_prints_a_warning(serving):
    s = serving("--host", "0.0.0.0", "--port", "0")
    code, _, err = s.interrupt()
    assert code == 0
    assert network_warning("0.0.0.0") in err
    assert s.base.startswith("http://127.0.0.1:")  # the URL to open locally


def test_loopback_hosts_print_no_warning(serving):
    s = serving("--host", "localhost", "--port", "0")
    code, _, err = s.interrupt()
    assert code == 0
    assert "reachable from the network" not in err


def test_a_busy_port_is_one_line_and_exit_1():
    held = bind_loopback("127.0.0.1", 0)
    port = held.getsockname()[1]
    try:
        done = subprocess.run(
            [*frcli_command(), "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    finally:
        held.close()
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert f"port {port} is already in use" in lines[0]
    suggested = re.search(r"--port (\d+)", lines[0])
    assert suggested and int(suggested.group(1)) != port
    with socket.socket() as probe:  # the suggested port was free when suggested
        probe.bind(("127.0.0.1", int(suggested.group(1))))


def test_ctrl_c_stops_cleanly_even_with_a_stream_open(serving):
    s = serving("--port", "0")
    # The SSE page's default source is a documented event stream; hold it open.
    with httpx.Client(trust_env=False) as client:
        page = client.get(s.base + "/live/sse").text
    src = re.search(r'"src": "([^"]+)"', page).group(1)
    stream = socket.create_connection(_host_port(s.base))
    head = f"GET {src} HTTP/1.1\r\nhost: 127.0.0.1\r\naccept: text/event-stream\r\n\r\n"
    stream.sendall(head.encode())
    assert stream.recv(12).startswith(b"HTTP/1.1 200")
    started = time.monotonic()
    code, out, err = s.interrupt()
    stream.close()
    assert code == 0
    assert "Traceback" not in err and "Traceback" not in out
    assert "frcli serve: stopped." in err
    assert time.monotonic() - started < 10


def _host_port(base: str) -> tuple[str, int]:
    host, port = base.removeprefix("http://").rsplit(":", 1)
    return host.strip("[]"), int(port)


def test_reload_serves_and_stops_on_ctrl_c(serving):
    s = serving("--port", "0", "--reload")
    assert any("Reloading when files" in line for line in s.banner_lines)
    assert httpx.get(s.base + "/", trust_env=False, timeout=10).status_code == 200
    code, _, err = s.interrupt()
    assert code == 0
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "host, loopback",
    [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.5", False), ("myhost", False)],
)  # fmt: skip
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_url_host_for_wildcards_and_ipv6():
    assert url_host("0.0.0.0") == "127.0.0.1"
    assert url_host("::") == "[::1]"
    assert url_host("::1") == "[::1]"
    assert url_host("localhost") == "localhost"


def test_banner_lists_demos_that_did_not_import():
    text = banner("http://127.0.0.1:8000", reload=False, served=[], broken={"x": "x.py: Boom"})
    assert "frcli serve: 0 demos on http://127.0.0.1:8000" in text
    assert "    x: x.py: Boom" in text
