"""The recorder stops reading a body at an example's ``max_bytes``."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

from fastapi_responses_cli.content import Example
from fastapi_responses_cli.live_server import LiveServer
from fastapi_responses_cli.recorder import make_client, run_example

CHUNK = 1000
CHUNKS = 200  # 200 kB if nothing stops the read


def _app() -> FastAPI:
    app = FastAPI()

    @app.get("/big")
    async def big() -> StreamingResponse:
        async def body():
            for i in range(CHUNKS):
                yield f"{i:0{CHUNK - 1}d}\n"

        return StreamingResponse(body(), media_type="text/plain")

    return app


def _record(**bounds) -> object:
    example = Example(name="big", title="big", path="/big", route=["big"], notice=".", **bounds)
    with LiveServer(_app()) as server, make_client() as client:
        events = list(run_example(client, server.url, "bounds", example))
    (exchange,) = [e.exchange for e in events if e.kind == "end"]
    return exchange


def test_max_bytes_stops_the_read_soon_after_the_bound():
    exchange = _record(max_bytes=5 * CHUNK)
    received = sum(c.size for c in exchange.chunks)
    assert 5 * CHUNK <= received < 5 * CHUNK + 64 * 1024  # at most one read past the bound
    assert received < CHUNKS * CHUNK
    assert exchange.stopped == f"stopped after {received:,} bytes"
    assert exchange.error is None


def test_without_a_bound_the_whole_body_is_read():
    exchange = _record()
    assert sum(c.size for c in exchange.chunks) == CHUNKS * CHUNK
    assert exchange.stopped is None
