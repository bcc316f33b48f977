"""Wire facts of every example of the streaming demo, against the installed FastAPI."""

import re
import statistics

import pytest

from fastapi_responses_cli.streams import parse_jsonl, parse_sse


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("streaming")


def test_csv_is_chunked_without_content_length(run):
    ex = run.first("csv")
    assert ex.response.status == 200
    assert ex.response.media_type == "text/csv"
    assert ex.response.header("transfer-encoding") == "chunked"
    assert ex.response.header("content-length") is None
    assert ex.response.header("content-disposition") == 'attachment; filename="export.csv"'
    lines = ex.body.decode().splitlines()
    assert lines[0] == "id,name,score"
    assert len(lines) == 5001
    assert len(ex.chunks) > 1


def test_tokens_arrive_paced_not_buffered(run):
    ex = run.first("tokens")
    words = [c.data.decode() for c in ex.chunks]
    assert "".join(words) == "Here is a streamed answer about streaming. "
    assert len(words) == 7  # one chunk per yield: nothing was coalesced or buffered
    gaps = [b.t - a.t for a, b in zip(ex.chunks, ex.chunks[1:], strict=False)]
    # Paced by asyncio.sleep(0.15): a buffered body would show gaps near zero.
    assert statistics.median(gaps) > 0.1
    assert ex.chunks[-1].t - ex.chunks[0].t > 0.8


def test_legacy_sse_is_hand_formatted(run):
    ex = run.first("sse-legacy")
    assert ex.response.header("content-type") == "text/event-stream; charset=utf-8"
    assert ex.response.header("cache-control") is None  # nothing added for you
    events = parse_sse(ex.body)
    assert [e.data for e in events] == ["tick 0", "tick 1", "tick 2"]


def test_current_sse_headers_and_events(run):
    ex = run.first("sse")
    assert ex.response.header("content-type") == "text/event-stream; charset=utf-8"
    assert ex.response.header("cache-control") == "no-cache"
    assert ex.response.header("x-accel-buffering") == "no"
    events = parse_sse(ex.body)
    first = events[0]
    assert (first.event, first.id, first.retry, first.data) == ("start", "0", 3000, '{"total": 3}')
    assert [e.data for e in events[1:4]] == [
        '{"step":1,"done":false}',
        '{"step":2,"done":false}',
        '{"step":3,"done":true}',
    ]
    assert events[-1].is_comment_only and events[-1].comments == ["that was the last one"]
    assert ex.chunks[3].t - ex.chunks[1].t > 0.15


def test_jsonl_from_yield(run):
    ex = run.first("jsonl")
    assert ex.response.header("content-type") == "application/jsonl"
    assert parse_jsonl(ex.body) == [
        {"step": 1, "done": False},
        {"step": 2, "done": False},
        {"step": 3, "done": True},
    ]
    assert len(ex.chunks) == 3
    assert ex.chunks[2].t - ex.chunks[0].t > 0.15


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.])\s+", " ".join(text.split())) if s]


def test_no_text_says_no_cache_stops_buffering():
    """cache-control: no-cache means 'revalidate before reusing a stored copy'; only
    x-accel-buffering: no asks a proxy (nginx) not to buffer. A sentence naming no-cache
    and buffering together must say what no-cache really does."""
    from fastapi_responses_cli.catalog import demos
    from fastapi_responses_cli.quiz.model import load_all

    texts: list[str] = []
    for demo in demos().values():
        texts.append(demo.meta.summary)
        texts.extend(e.notice for e in demo.meta.examples)
    for quiz in load_all().values():
        for q in quiz.questions:
            texts.extend([q.question, q.explanation, *q.right, *q.wrong])
    both = [s for t in texts for s in _sentences(t) if "no-cache" in s and "buffer" in s]
    assert both, "the streaming texts name both headers: the check must see them"
    wrong = [s for s in both if "revalidate" not in s]
    assert not wrong, wrong


def test_yield_with_streaming_response_sends_the_strings_as_written(run):
    ex = run.first("yield-raw")
    assert ex.response.status == 200
    assert ex.response.header("content-type") is None  # StreamingResponse has no media type
    assert ex.response.header("transfer-encoding") == "chunked"
    assert ex.body == b"line 0\nline 1\nline 2\n"
    assert [c.data for c in ex.chunks] == [b"line 0\n", b"line 1\n", b"line 2\n"]


def test_a_subclass_sets_the_media_type(run):
    ex = run.first("yield-subclass")
    assert ex.response.header("content-type") == "text/csv; charset=utf-8"
    assert ex.body == b"id,name\n1,user1\n2,user2\n3,user3\n"
    from demos.streaming import CSVStream

    assert CSVStream.media_type == "text/csv"


def test_the_same_generator_without_a_response_class_is_json_lines():
    from collections.abc import AsyncIterable

    from fastapi import FastAPI

    from tests.demos._live import fetch

    app = FastAPI()

    @app.get("/lines")
    async def lines() -> AsyncIterable[str]:
        yield "line 0\n"

    response = fetch(app, "GET", "/lines")
    assert response.headers["content-type"] == "application/jsonl"
    assert response.content == b'"line 0\\n"\n'  # each string JSON-encoded, one per line
