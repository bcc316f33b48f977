"""Wire facts of every example of the sse demo, against the installed FastAPI."""

import json

import fastapi.routing
import fastapi.sse
import pytest

from fastapi_responses_cli.catalog import get_demo, load_app
from fastapi_responses_cli.live_server import LiveServer, ServerLog, capture_server_output
from fastapi_responses_cli.recorder import make_client, run_example
from fastapi_responses_cli.runner import run_demo
from fastapi_responses_cli.streams import SSEParser, parse_sse

SSE_TYPE = "text/event-stream; charset=utf-8"


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("sse")


def assert_current_sse_head(ex):
    assert ex.response.status == 200
    assert ex.response.header("content-type") == SSE_TYPE
    assert ex.response.header("cache-control") == "no-cache"
    assert ex.response.header("x-accel-buffering") == "no"
    assert ex.response.header("transfer-encoding") == "chunked"
    assert ex.response.header("content-length") is None


def test_fields_event_id_retry_comment(run):
    ex = run.first("fields")
    assert_current_sse_head(ex)
    assert ex.body == (
        b": job stream opened\nretry: 5000\n\n"
        b'event: queued\ndata: {"job":7,"state":"queued"}\nid: 1\n\n'
        b'event: running\ndata: {"job":7,"state":"running"}\nid: 2\n\n'
        b'data: {"job":7,"state":"done"}\n\n'
    )
    events = parse_sse(ex.body)
    assert events[0].comments == ["job stream opened"] and events[0].retry == 5000
    named = [(e.event, e.id) for e in events[1:]]
    assert named == [("queued", "1"), ("running", "2"), (None, None)]
    assert json.loads(events[3].data) == {"job": 7, "state": "done"}


def test_fields_events_arrive_as_they_are_yielded(run):
    ex = run.first("fields")
    parser = SSEParser()
    arrivals = []  # (time, event) as the client could have parsed them
    for chunk in ex.chunks:
        arrivals += [(chunk.t, e) for e in parser.feed(chunk.data)]
    t = {e.event: at for at, e in arrivals if e.event}
    assert t["running"] - t["queued"] > 0.06  # asyncio.sleep(0.1) between them


def test_resume_starts_after_last_event_id(run):
    ex = run.first("resume")
    assert_current_sse_head(ex)
    assert ("last-event-id", "2") in [(k.lower(), v) for k, v in ex.request.headers]
    events = parse_sse(ex.body)
    assert [e.id for e in events] == ["3", "4", "5"]
    assert [e.data for e in events] == ['{"news": 3}', '{"news": 4}', '{"news": 5}']


def test_resume_without_header_starts_at_one():
    demo = get_demo("sse")
    fresh = demo.example("resume").model_copy(update={"headers": {}})
    with LiveServer(load_app(demo)) as server, make_client() as client:
        [*_, end] = run_example(client, server.url, demo.name, fresh)
    assert [e.id for e in parse_sse(end.exchange.body)] == ["1", "2", "3", "4", "5"]


def test_post_streams_sse_from_a_json_body(run):
    ex = run.first("post")
    assert ex.request.method == "POST"
    assert json.loads(ex.request.body) == {"prompt": "why is the sky blue", "max_words": 4}
    assert_current_sse_head(ex)
    events = parse_sse(ex.body)
    assert [(e.event, e.data) for e in events[:4]] == [
        ("token", "Sunlight"),
        ("token", "scatters"),
        ("token", "off"),
        ("token", "air"),
    ]
    assert events[4].event == "done"
    assert json.loads(events[4].data) == {"prompt": "why is the sky blue", "words": 4}
    assert len(ex.chunks) == 5  # each token sent on its own


def test_data_is_json_raw_data_is_not(run):
    ex = run.first("data-formats")
    assert_current_sse_head(ex)
    assert ex.body == (
        b'data: "hello"\n\n'
        b"data: hello\n\n"
        b'data: {"price": 9.5, "tags": ["a", "b"]}\n\n'
        b"data: first line\ndata: second line\n\n"
    )
    assert [e.data for e in parse_sse(ex.body)] == [
        '"hello"',
        "hello",
        '{"price": 9.5, "tags": ["a", "b"]}',
        "first line\nsecond line",
    ]


def test_pings_fill_a_quiet_stream(run):
    ex = run.first("pings")
    assert_current_sse_head(ex)
    assert ex.stopped == "stopped after 4 chunks"
    assert ex.error is None
    events = parse_sse(ex.body)
    assert events[0].event == "subscribed"
    assert [e.comments for e in events[1:]] == [["ping"]] * 3
    assert all(e.is_comment_only for e in events[1:])
    assert [c.data for c in ex.chunks[1:]] == [b": ping\n\n"] * 3
    gaps = [b.t - a.t for a, b in zip(ex.chunks, ex.chunks[1:], strict=False)]
    assert all(0.3 < g < 1.5 for g in gaps)  # 0.5 s here, 15 s by default


def test_ping_interval_is_restored_after_the_run(run):
    assert run.first("pings").stopped  # the quiet stream ran and was cut by the client
    assert fastapi.routing._PING_INTERVAL == 15.0


def test_ping_interval_is_read_from_fastapi_routing_not_fastapi_sse(monkeypatch):
    # fields waits 0.1 s between events: a 0.03 s interval would put pings in those gaps.
    monkeypatch.setattr(fastapi.sse, "_PING_INTERVAL", 0.03)
    quiet = run_demo("sse", ["fields"]).first("fields")
    assert b"ping" not in quiet.body
    monkeypatch.setattr(fastapi.routing, "_PING_INTERVAL", 0.03)
    pinged = run_demo("sse", ["fields"]).first("fields")
    assert b": ping\n\n" in pinged.body


def test_legacy_hand_written_sse(run):
    ex = run.first("legacy")
    assert ex.response.status == 200
    assert ex.response.header("content-type") == SSE_TYPE
    assert ex.response.header("cache-control") is None
    assert ex.response.header("x-accel-buffering") is None
    events = parse_sse(ex.body)
    assert [(e.event, e.data) for e in events] == [("note", "hello"), (None, "first line")]
    assert b"second line" in ex.body  # sent, but not as data: the client drops it


def test_legacy_gets_no_pings(monkeypatch):
    # Even with a tiny interval, a plain StreamingResponse has no keep-alive machinery.
    monkeypatch.setattr(fastapi.routing, "_PING_INTERVAL", 0.01)
    ex = run_demo("sse", ["legacy"]).first("legacy")
    assert b"ping" not in ex.body


def test_engine_stops_a_stream_at_max_seconds():
    demo = get_demo("sse")
    timed = demo.example("pings").model_copy(update={"max_chunks": None, "max_seconds": 1.8})
    log = ServerLog()
    with capture_server_output(log):
        with LiveServer(load_app(demo), log=log) as server, make_client() as client:
            [*_, end] = run_example(client, server.url, demo.name, timed, log)
    ex = end.exchange
    assert ex.stopped == "stopped after 1.8 s"
    assert ex.t_end < 1.8 + 0.15


def test_overlapping_quiet_streams_share_the_short_interval():
    """The interval is process-wide: it must stay short while any /quiet stream runs and go
    back to 15 s only when the last one ends, whatever order they end in (under frcli serve,
    learners can open several)."""
    import time

    import httpx

    def wait_for(condition, seconds=3.0):
        end = time.monotonic() + seconds
        while not condition() and time.monotonic() < end:
            time.sleep(0.02)
        return condition()

    with (
        LiveServer(load_app(get_demo("sse"))) as server,
        httpx.Client(base_url=server.url) as one,
        httpx.Client(base_url=server.url) as two,
        one.stream("GET", "/quiet") as first,
        two.stream("GET", "/quiet") as second,
    ):
        next(first.iter_raw())  # the subscribed event: both streams are running
        chunks = second.iter_raw()
        next(chunks)
        first.close()  # the first one ends while the second still streams
        # The server notices the hang-up at its next ping and runs the teardown.
        time.sleep(1.2)
        assert fastapi.routing._PING_INTERVAL == 0.5
        t0 = time.monotonic()
        assert next(chunks) == b": ping\n\n"
        assert time.monotonic() - t0 < 1.0  # still a 0.5 s ping, not 15 s
        second.close()
        assert wait_for(lambda: fastapi.routing._PING_INTERVAL == 15.0)
