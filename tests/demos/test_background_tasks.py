"""Wire facts of every example of the background-tasks demo, against the installed FastAPI."""

import json
import re
import socket

import pytest

from fastapi_responses_cli.catalog import get_demo, load_app
from fastapi_responses_cli.live_server import LiveServer

SOURCE = "demos.background_tasks"


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("background-tasks")


def notes(ex) -> list[tuple[str, float]]:
    """The tasks' own reports: (what, seconds since the handler ran)."""
    out = []
    for entry in ex.server_log:
        if entry.source == SOURCE:
            m = re.fullmatch(r"(.+) at \+(\d+\.\d{3}) s", entry.message)
            assert m, entry.message
            out.append((m.group(1), float(m.group(2))))
    return out


def test_queue_response_is_complete_before_the_tasks_finish(run):
    ex = run.first("queue")
    assert ex.request.method == "POST"
    assert ex.response.status == 202
    assert json.loads(ex.body) == {"email": "ada@example.com", "status": "accepted"}
    assert ex.error is None
    assert [what for what, _ in notes(ex)] == [
        "send_welcome(ada@example.com) started",
        "send_welcome finished",
        "update_stats started",
        "update_stats finished",
    ]
    entries = {e.message.split(" at +")[0]: e for e in ex.server_log}
    # Same clock: the client had the whole body before the first task was done.
    assert ex.t_end < entries["send_welcome finished"].t - ex.t0
    t = dict(notes(ex))
    assert t["send_welcome finished"] >= 0.25  # asyncio.sleep(0.25)
    # One after the other: the second starts only when the first has finished.
    assert t["update_stats started"] >= t["send_welcome finished"]


def test_failure_client_gets_200_rest_of_queue_dropped_error_logged(run):
    ex = run.first("failure")
    assert ex.response.status == 200
    assert json.loads(ex.body) == {"order": 41, "status": "placed"}
    assert ex.error is None
    assert [what for what, _ in notes(ex)] == ["reserve_stock finished", "charge_card started"]
    assert not any("send_receipt" in e.message for e in ex.server_log)
    errors = [e for e in ex.server_log if e.level == "ERROR"]
    assert [(e.source, e.message) for e in errors] == [
        ("uvicorn.error", "Exception in ASGI application: RuntimeError: card declined")
    ]
    # The error came after the client already had the complete 200.
    assert errors[0].t - ex.t0 > ex.t_end


def _keep_alive_then_wait(path: str, method: str, wait: float) -> tuple[bytes, bytes | None]:
    """Send one keep-alive request on a raw socket, read the answer, then wait for more.

    Returns the response bytes and what came after: b"" if the server closed the
    connection within ``wait`` seconds, None if it kept it open.
    """
    demo = get_demo("background-tasks")
    with LiveServer(load_app(demo)) as server:
        with socket.create_connection((server.host, server.port), timeout=2) as sock:
            sock.sendall(f"{method} {path} HTTP/1.1\r\nhost: demo\r\n\r\n".encode())
            answer = b""
            while b"\r\n\r\n" not in answer:
                answer += sock.recv(65536)
            length = int(re.search(rb"content-length: (\d+)", answer, re.I).group(1))
            while len(answer.partition(b"\r\n\r\n")[2]) < length:
                answer += sock.recv(65536)
            sock.settimeout(wait)
            try:
                after = sock.recv(65536)
            except TimeoutError:
                after = None
    return answer, after


def test_failed_task_makes_uvicorn_close_the_connection():
    answer, after = _keep_alive_then_wait("/checkout", "POST", wait=1.0)
    assert answer.startswith(b"HTTP/1.1 200 OK\r\n")
    assert answer.endswith(b'{"order":41,"status":"placed"}')
    assert b"connection: close" not in answer.lower()  # nothing announced it
    assert after == b""  # then the server hung up, when charge_card raised


def test_a_kept_alive_connection_stays_open_otherwise():
    answer, after = _keep_alive_then_wait("/report", "GET", wait=0.5)
    assert answer.startswith(b"HTTP/1.1 200 OK\r\n")
    assert after is None


def test_dependency_and_route_share_the_tasks(run):
    ex = run.first("dependency")
    assert ex.response.status == 200
    assert json.loads(ex.body) == {"report": "ready"}
    assert [what for what, _ in notes(ex)] == ["record_access ran", "warm_cache ran"]


def test_own_background_replaces_the_injected_tasks(run):
    ex = run.first("own-background")
    assert ex.response.status == 200
    assert json.loads(ex.body) == {"rows": 3}
    assert [what for what, _ in notes(ex)] == ["delete_temp_file ran"]
    # Dropped silently: nothing but the task's own report, at start-up or on the request.
    assert [e.source for e in ex.server_log] == [SOURCE]
    assert run.startup_log == []
