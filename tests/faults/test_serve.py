"""`frcli serve` under hostile or careless use: Host names, odd --host values, file names, idle
sockets, Ctrl-C with endless streams open, and a reader that leaves the access log."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from fastapi_responses_cli.errors import FrcliError

BASE = re.compile(r"^frcli serve: \d+ demos? on (http://\S+)")


class Serve:
    """`frcli serve --port 0 ARGS` in a child process, started once for many requests."""

    def __init__(self, home: Path, *args: str, stdout: int | None = subprocess.PIPE) -> None:
        env = {**os.environ, "FRCLI_HOME": str(home), "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "fastapi_responses_cli", "serve", "--port", "0", *args],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            start_new_session=True,
        )
        assert self.proc.stdout is not None
        self.first_line = self.proc.stdout.readline()
        found = BASE.match(self.first_line)
        assert found, self.first_line + self.proc.stderr.read()
        self.base = found.group(1)
        self.port = int(self.base.rsplit(":", 1)[1])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(self.base + "/_site/site.css", timeout=1, trust_env=False)
                break
            except httpx.HTTPError:
                time.sleep(0.05)

    def raw(self, request: bytes) -> bytes:
        """Send one request with Connection: close; everything the server sent back."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as s:
            s.sendall(request)
            data = b""
            while chunk := s.recv(65536):
                data += chunk
            return data

    def stop(self) -> tuple[int, str]:
        self.proc.send_signal(signal.SIGINT)
        _, err = self.proc.communicate(timeout=30)
        return self.proc.returncode, err

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate(timeout=10)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    s = Serve(tmp_path_factory.mktemp("home"))
    yield s
    s.kill()


def get(served: Serve, path: str, host: str) -> tuple[int, bytes]:
    answer = served.raw(
        f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
    )
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


# -- the Host check (DNS rebinding) -----------------------------------------------------------
@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "127.0.0.1:{port}", "localhost", "localhost:1", "LOCALHOST.", "[::1]:{port}",
     "[::1]"],
)  # fmt: skip
def test_loopback_names_are_answered(served, host):
    assert get(served, "/", host.format(port=served.port))[0] == 200


@pytest.mark.parametrize(
    "host",
    ["evil.example", "evil.example:{port}", "127.0.0.1.nip.io", "localhost.evil.example",
     "10.0.0.7:{port}", "0.0.0.0", "x\x1b[31m"],
)  # fmt: skip
def test_other_names_get_a_clear_400(served, host):
    status, body = get(served, "/streaming/tokens", host.format(port=served.port))
    assert status == 400
    assert b"frcli serve answers only requests for 127.0.0.1, [::1], localhost" in body
    assert b"DNS rebinding" in body and b"\x1b" not in body


def test_the_files_demo_refuses_odd_names_under_serve(served):
    for path in ("/files/files/a%00b", "/files/files/" + "a" * 256, "/files/files/..%2F..%2Fx"):
        assert get(served, path, "127.0.0.1")[0] == 404, path


def test_index_says_sse_pings_are_shared(served):
    status, body = get(served, "/", "127.0.0.1")
    assert status == 200 and b'id="shared-pings"' in body


def test_an_explicit_public_host_is_accepted(tmp_path):
    from fastapi_responses_cli.commands.serve import parse_host
    from fastapi_responses_cli.site.hostcheck import HostCheck

    check = HostCheck(app=None, names=parse_host("192.168.1.5").host_names())  # type: ignore[arg-type]
    assert check.allowed("192.168.1.5:8000") and check.allowed("localhost")
    assert not check.allowed("evil.example")
    assert parse_host("0.0.0.0").host_names() is None  # every interface, on purpose: any name


# -- --host, parsed once --------------------------------------------------------------------
@pytest.mark.parametrize(
    "given, address, loopback, url",
    [("127.0.0.1", "127.0.0.1", True, "127.0.0.1"), ("127.1", "127.0.0.1", True, "127.0.0.1"),
     ("localhost", "127.0.0.1", True, "localhost"), ("[::1]", "::1", True, "[::1]"),
     ("::1", "::1", True, "[::1]"), ("0", "0.0.0.0", False, "127.0.0.1"),
     ("0.0.0.0", "0.0.0.0", False, "127.0.0.1"), ("::", "::", False, "[::1]"),
     ("192.168.1.5", "192.168.1.5", False, "192.168.1.5")],
)  # fmt: skip
def test_parse_host(given, address, loopback, url):
    from fastapi_responses_cli.commands.serve import is_loopback, network_warning, parse_host

    bound = parse_host(given)
    assert (bound.address, bound.loopback, bound.url_host) == (address, loopback, url)
    assert is_loopback(given) is loopback
    if not loopback:
        line = network_warning(given, bound)
        assert "\n" not in line and f"--host {given} " in line
        assert ("all interfaces" in line) is bound.wildcard


@pytest.mark.parametrize("given", ["", "  ", "[127.0.0.1]", "[nope]", "no-such-host.invalid"])
def test_bad_hosts_are_one_line_exit_2(given):
    from fastapi_responses_cli.commands.serve import parse_host

    with pytest.raises(FrcliError) as caught:
        parse_host(given)
    assert caught.value.code == 2 and "\n" not in caught.value.message


def test_empty_host_is_refused_by_the_command(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "fastapi_responses_cli", "serve", "--host", ""],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "FRCLI_HOME": str(tmp_path)},
    )
    assert proc.returncode == 2 and proc.stdout == ""
    (line,) = proc.stderr.splitlines()
    assert line.startswith("frcli: error: --host is empty")


def test_short_loopback_form_binds_loopback_without_a_warning(tmp_path):
    s = Serve(tmp_path, "--host", "127.1")
    try:
        assert s.base.startswith("http://127.0.0.1:")
        code, err = s.stop()
    finally:
        s.kill()
    assert code == 0 and "warning" not in err and "Traceback" not in err


# -- idle connections -------------------------------------------------------------------------
def test_a_connection_that_sends_nothing_is_closed(monkeypatch):
    import uvicorn

    from fastapi_responses_cli.live_server import bind_loopback
    from fastapi_responses_cli.site import lifecycle

    monkeypatch.setattr(lifecycle, "FIRST_REQUEST_SECONDS", 0.3)

    async def app(scope, receive, send):  # pragma: no cover - never reached
        raise AssertionError("no request was sent")

    sock = bind_loopback("127.0.0.1", 0)
    config = uvicorn.Config(
        app, http=lifecycle.FirstRequestTimeout, log_config=None, lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.01)
        idle = [socket.create_connection(sock.getsockname(), timeout=5) for _ in range(20)]
        started = time.monotonic()
        assert all(s.recv(1) == b"" for s in idle)  # closed by the server, not by a timeout
        assert time.monotonic() - started < 4
        for s in idle:
            s.close()
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


# -- Ctrl-C with endless streams open -----------------------------------------------------------
STREAMS = {
    "sse-quiet": ["/sse/quiet"],
    "three": ["/sse/quiet", "/sse/quiet", "/sse/feed"],
}


@pytest.mark.parametrize("name", STREAMS)
def test_ctrl_c_with_endless_streams_open(tmp_path, name):
    s = Serve(tmp_path)
    streams = []
    try:
        for path in STREAMS[name]:
            conn = socket.create_connection(("127.0.0.1", s.port), timeout=10)
            conn.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            assert conn.recv(12).startswith(b"HTTP/1.1 200"), path
            streams.append(conn)
        code, err = s.stop()
        tails = []
        for conn in streams:
            data = b""
            while chunk := conn.recv(65536):
                data += chunk
            tails.append(data)
    finally:
        for conn in streams:
            conn.close()
        s.kill()
    assert code == 0
    for bad in ("Traceback", "Exception in ASGI application", "CancelledError", "Cancel "):
        assert bad not in err, err
    ours = [line for line in err.splitlines() if not line.startswith("INFO:")]
    assert ours == ["frcli serve: stopped."], err
    # Each stream was ended properly (chunked body closed), not cut off by a cancelled task.
    assert all(t.endswith(b"0\r\n\r\n") for t in tails), [t[-40:] for t in tails]


# -- `frcli serve | head -1` --------------------------------------------------------------------
def test_reader_gone_from_the_access_log(tmp_path):
    s = Serve(tmp_path)
    try:
        assert s.proc.stdout is not None
        s.proc.stdout.close()  # like head -1 after the banner's first line
        statuses = [get(s, "/", "127.0.0.1")[0] for _ in range(5)]
        code, err = s.stop()
    finally:
        s.kill()
    assert statuses == [200] * 5
    assert code == 0
    for bad in ("Traceback", "BrokenPipeError", "Logging error"):
        assert bad not in err, err


def test_stop_wrapper_ends_a_stream_when_told(monkeypatch):
    """EndStreamsOnStop on its own: a stream that would never end gets its last chunk."""
    from starlette.responses import StreamingResponse

    from fastapi_responses_cli.site.lifecycle import EndStreamsOnStop, Stopping

    async def forever():
        yield b"first"
        await asyncio.Event().wait()

    async def app(scope, receive, send):
        await StreamingResponse(forever())(scope, receive, send)

    async def run() -> list[dict]:
        stopping = Stopping()
        sent: list[dict] = []
        waiting = asyncio.Event()

        async def receive():
            await waiting.wait()
            return {"type": "http.disconnect"}

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "asgi": {"spec_version": "2.3"}, "method": "GET", "headers": []}
        task = asyncio.create_task(EndStreamsOnStop(app, stopping)(scope, receive, send))
        await asyncio.sleep(0.05)
        stopping.set()
        await asyncio.wait_for(task, 5)
        return sent

    sent = asyncio.run(run())
    assert sent[0]["type"] == "http.response.start" and sent[1]["body"] == b"first"
    assert sent[-1] == {"type": "http.response.body", "body": b"", "more_body": False}
