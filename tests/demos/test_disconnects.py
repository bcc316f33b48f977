"""Wire facts of the disconnects demo: when the server noticed, from its own log."""

import json
import time

import httpx
import pytest

from fastapi_responses_cli.catalog import get_demo, load_app
from fastapi_responses_cli.live_server import LiveServer, ServerLog, capture_server_output
from fastapi_responses_cli.recorder import make_client
from fastapi_responses_cli.streams import parse_jsonl


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("disconnects")


def messages(ex) -> list[str]:
    return [e.message for e in ex.server_log]


def when(ex, text: str) -> float:
    """Seconds after the request was sent at which the server logged ``text``."""
    (entry,) = [e for e in ex.server_log if text in e.message]
    return entry.t - ex.t0


def test_hang_up_cancels_the_generator_moments_after_the_client_left(run):
    ex = run.first("hang-up")
    assert ex.stopped == "stopped after 24 bytes"  # the client really went away
    assert parse_jsonl(ex.body) == [{"n": 0}, {"n": 1}, {"n": 2}]
    assert messages(ex) == [
        "ticks: cancelled while waiting after tick 2",
        "ticks: finally block ran",
    ]
    # "after tick 2": cancelled in the 0.1 s sleep that follows the third line, before the
    # fourth was due; the log entry comes after the client read that line, and long
    # before the 2 s the whole stream would take.
    noticed = when(ex, "cancelled while waiting")
    assert ex.chunks[-1].t < noticed < 1.0


def test_finished_stream_ends_by_itself(run):
    ex = run.first("finished")
    assert ex.stopped is None and ex.error is None
    assert parse_jsonl(ex.body) == [{"n": 0}, {"n": 1}, {"n": 2}]
    assert messages(ex) == ["ticks: finished after 3", "ticks: finally block ran"]


def test_report_runs_all_steps_when_the_client_waits(run):
    ex = run.first("report")
    assert ex.response.status == 200
    assert json.loads(ex.body) == {"steps": 10}
    assert messages(ex) == ["report: all 10 steps done"]


def test_report_stops_early_when_the_client_gives_up():
    """A client that stops waiting after 0.2 s: the handler is not cancelled (nothing was
    sent), but its is_disconnected() check sees the closed connection and stops."""
    log = ServerLog()
    with capture_server_output(log), LiveServer(load_app(get_demo("disconnects")), log=log) as s:
        with make_client() as client:
            t0 = time.perf_counter()
            with pytest.raises(httpx.ReadTimeout):
                client.get(s.url + "/report", timeout=httpx.Timeout(5.0, read=0.2))
            gave_up = time.perf_counter()
        assert s.wait_idle(2.0)
    (entry,) = [e for e in log.entries if e.source.endswith("disconnects")]
    assert entry.message.startswith("report: client gone after step ")
    step = int(entry.message.split("step ")[1].split(",")[0])
    assert 3 <= step < 10  # 0.05 s a step: it ran on past the 0.2 s, then stopped early
    assert gave_up - t0 < entry.t - t0 < gave_up - t0 + 0.15


def test_dependency_exit_runs_after_the_normal_response(run):
    ex = run.first("dependency-normal")
    assert json.loads(ex.body) == {"user": "ada", "session_open": True}
    assert messages(ex) == ["session opened", "handler ran, session open: True", "session closed"]


def test_dependency_exit_waits_for_the_last_chunk_of_a_stream(run):
    ex = run.first("dependency-stream")
    assert parse_jsonl(ex.body) == [{"row": i, "session_open": True} for i in range(3)]
    assert messages(ex) == [
        "session opened",
        "row 0, session open: True",
        "row 1, session open: True",
        "row 2, session open: True",
        "session closed",
    ]
    assert when(ex, "session closed") > ex.chunks[-1].t  # after the last row arrived


def test_function_scope_closes_before_the_first_row(run):
    ex = run.first("dependency-function-scope")
    assert parse_jsonl(ex.body) == [{"row": i, "session_open": False} for i in range(3)]
    assert messages(ex)[:2] == ["session opened", "session closed"]
    assert when(ex, "session closed") < ex.chunks[0].t


def test_exit_code_runs_after_the_client_has_the_whole_response():
    """A slow exit (0.3 s) does not delay the answer: the client has the full body first."""
    from collections.abc import AsyncIterator
    from typing import Annotated

    import anyio
    from fastapi import Depends, FastAPI

    from tests.demos._live import served

    events: list[tuple[str, float]] = []

    async def slow_exit() -> AsyncIterator[None]:
        yield
        await anyio.sleep(0.3)
        events.append(("exit done", time.perf_counter()))

    app = FastAPI()

    @app.get("/x")
    async def x(_: Annotated[None, Depends(slow_exit)]) -> dict:
        return {"ok": True}

    with served(app) as (client, _log):
        t0 = time.perf_counter()
        response = client.get("/x")
        got = time.perf_counter()
        time.sleep(0.5)
    assert response.json() == {"ok": True}
    assert got - t0 < 0.25
    assert events and events[0][1] > got
