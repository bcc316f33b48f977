"""Wire facts of every example of the json-lines demo, against the installed FastAPI."""

import threading
import time

import pytest

from fastapi_responses_cli.catalog import get_demo, load_app
from fastapi_responses_cli.live_server import LiveServer
from fastapi_responses_cli.recorder import make_client
from fastapi_responses_cli.streams import JSONLinesParser, parse_jsonl

USERS = [{"id": 1, "name": "ada"}, {"id": 2, "name": "grace"}, {"id": 3, "name": "linus"}]


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("json-lines")


def assert_jsonl_head(ex):
    assert ex.response.status == 200
    assert ex.response.header("content-type") == "application/jsonl"
    assert ex.response.header("content-length") is None
    assert ex.response.header("transfer-encoding") == "chunked"


def gaps(ex) -> list[float]:
    return [b.t - a.t for a, b in zip(ex.chunks, ex.chunks[1:], strict=False)]


def test_items_one_line_per_chunk_paced(run):
    ex = run.first("items")
    assert_jsonl_head(ex)
    assert ex.body == b'{"id":1,"name":"ada"}\n{"id":2,"name":"grace"}\n{"id":3,"name":"linus"}\n'
    assert [c.data.count(b"\n") for c in ex.chunks] == [1, 1, 1]
    assert all(g > 0.06 for g in gaps(ex))  # asyncio.sleep(0.1) after each yield
    assert ex.error is None and ex.server_log == []


def test_filtered_every_item_goes_through_the_annotation(run):
    ex = run.first("filtered")
    assert_jsonl_head(ex)
    assert b"password_hash" not in ex.body
    assert parse_jsonl(ex.body) == USERS  # the id "3" was coerced to 3
    assert ex.body.splitlines()[2] == b'{"id":3,"name":"linus"}'


def test_unchecked_items_are_sent_as_they_are(run):
    ex = run.first("unchecked")
    assert_jsonl_head(ex)
    assert ex.body.splitlines() == [
        b'{"id": 1, "name": "ada", "password_hash": "$2b$12$ab"}',
        b'{"id": 2, "name": "grace", "password_hash": "$2b$12$cd"}',
        b'{"id": "3", "name": "linus"}',
    ]


def test_broken_item_cuts_the_stream_after_a_200(run):
    ex = run.first("broken")
    assert_jsonl_head(ex)  # the head went out before the bad item existed
    parser = JSONLinesParser()
    values = [v for c in ex.chunks for _, v in parser.feed(c.data)]
    assert values == USERS[:2]
    # Nothing half-sent: every chunk that arrived ends a line; the bad item never became bytes.
    assert all(c.data.endswith(b"\n") for c in ex.chunks)
    assert ex.error == (
        "RemoteProtocolError: peer closed connection without sending complete message body "
        "(incomplete chunked read)"
    )
    [entry] = ex.server_log
    assert (entry.level, entry.source) == ("ERROR", "uvicorn.error")
    assert entry.message.startswith("Exception in ASGI application: ResponseValidationError")
    assert "'loc': ('response', 'id')" in entry.message
    assert "'input': 'three'" in entry.message
    assert b"never sent" not in ex.body


def test_sync_generator_streams_the_same_way(run):
    ex = run.first("sync")
    assert_jsonl_head(ex)
    assert parse_jsonl(ex.body) == USERS
    assert len(ex.chunks) == 3
    assert all(g > 0.06 for g in gaps(ex))  # time.sleep(0.1) in a worker thread
    assert ex.error is None and ex.server_log == []


def test_sync_generator_leaves_the_event_loop_free():
    """While the plain-def generator sleeps, the server answers another request."""
    with LiveServer(load_app(get_demo("json-lines"))) as server:
        done: dict[str, float] = {}

        def stream():
            with make_client() as client:
                client.get(server.url + "/sync.jsonl")
            done["stream"] = time.perf_counter()

        worker = threading.Thread(target=stream)
        worker.start()
        time.sleep(0.05)  # the generator is in its first time.sleep(0.1) now
        with make_client() as client:
            other = client.get(server.url + "/accounts.jsonl")
        done["other"] = time.perf_counter()
        worker.join(5)
    assert other.status_code == 200
    assert done["other"] < done["stream"]


@pytest.mark.parametrize("where", ["app", "router", "route"])
def test_jsonl_needs_the_untouched_default_response_class(where):
    from collections.abc import AsyncIterable

    from fastapi import APIRouter, FastAPI
    from fastapi.responses import JSONResponse
    from pydantic import BaseModel

    from tests.demos._live import served

    class Step(BaseModel):
        n: int

    app = FastAPI(default_response_class=JSONResponse) if where == "app" else FastAPI()
    router = APIRouter(default_response_class=JSONResponse) if where == "router" else app.router
    kwargs = {"response_class": JSONResponse} if where == "route" else {}

    @router.get("/steps", **kwargs)
    async def steps() -> AsyncIterable[Step]:
        yield Step(n=1)

    if router is not app.router:
        app.include_router(router)

    @app.get("/plain")
    async def plain() -> AsyncIterable[Step]:
        yield Step(n=1)

    with served(app) as (client, log):
        # uvicorn closes a connection after an application error: one connection each.
        broken = client.get("/steps", headers={"connection": "close"})
        normal = client.get("/plain", headers={"connection": "close"})
    assert broken.status_code == 500
    assert any("not JSON serializable" in e.message for e in log.entries)
    if where == "app":
        assert normal.status_code == 500  # every route of that app
    else:
        assert normal.status_code == 200
        assert normal.headers["content-type"] == "application/jsonl"
        assert normal.content == b'{"n":1}\n'
