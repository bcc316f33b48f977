"""Streaming responses: bytes leave the server while the handler is still producing them.

Run alone: uvicorn demos.streaming:app
"""

import asyncio
from collections.abc import AsyncIterable, Iterator

from fastapi import FastAPI
from fastapi.responses import StreamingResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent
from pydantic import BaseModel

META = {
    "title": "Streaming responses",
    "summary": (
        "A streaming response sends its body in pieces while the handler is still producing it, "
        "so the client can start reading before the end exists. Each piece below is printed the "
        "moment it arrives, with its time: that is how you can tell a real stream from a "
        "buffered one. Current FastAPI streams JSON Lines and Server-Sent Events straight from "
        "a path operation that yields; StreamingResponse remains the tool for raw bytes."
    ),
    "topic": "streaming",
    "quizzes": ["streaming", "response-classes"],
    "examples": [
        {
            "name": "csv",
            "title": "A large CSV produced by a generator",
            "path": "/export.csv?rows=5000",
            "route": ["csv_rows", "export_csv"],
            "max_bytes": 200_000,
            "notice": (
                "No content-length: the size is unknown when the head is sent, so the body "
                "goes out with transfer-encoding: chunked. The generator is a plain def, and "
                "Starlette iterates it in a worker thread so it cannot block the event loop."
            ),
        },
        {
            "name": "tokens",
            "title": "LLM-style tokens, paced in time",
            "path": "/tokens?prompt=streaming",
            "route": ["tokens"],
            "notice": (
                "Each word arrives about 150 ms after the previous one: compare the +t column "
                "with the asyncio.sleep in the generator. A buffered response would deliver "
                "every word at the same instant, at the end."
            ),
        },
        {
            "name": "sse-legacy",
            "title": "Server-Sent Events formatted by hand (the legacy way)",
            "path": "/events/legacy",
            "route": ["legacy_events"],
            "legacy": True,
            "notice": (
                "This still works, but you format every 'data: ...' line and blank line "
                "yourself, and nothing stops proxies from buffering it. The current way is the "
                "sse example: response_class=EventSourceResponse and yield."
            ),
        },
        {
            "name": "sse",
            "title": "Server-Sent Events with EventSourceResponse (current)",
            "path": "/events",
            "route": ["Progress", "events"],
            "notice": (
                "FastAPI writes the wire format for you: a yielded model becomes a JSON data: "
                "line, a ServerSentEvent sets event, id and retry. The head carries "
                "x-accel-buffering: no, which asks nginx to pass events on at once instead of "
                "buffering them, and cache-control: no-cache, which tells caches to revalidate "
                "before reusing a stored copy."
            ),
        },
        {
            "name": "yield-raw",
            "title": "yield with response_class=StreamingResponse",
            "path": "/yield/lines",
            "route": ["raw_lines"],
            "notice": (
                "With a response class set, a path operation that yields is no longer JSON "
                "Lines: FastAPI hands the generator to StreamingResponse, and the strings go "
                "out as written. StreamingResponse has no media type, so no content-type."
            ),
        },
        {
            "name": "yield-subclass",
            "title": "A StreamingResponse subclass that sets the media type",
            "path": "/yield/export.csv",
            "route": ["CSVStream", "csv_from_yield"],
            "notice": (
                "media_type = 'text/csv' on a subclass gives every route that names it the "
                "right content-type, text/csv; charset=utf-8 (Starlette adds the charset to "
                "text types), while the handler just yields rows."
            ),
        },
        {
            "name": "jsonl",
            "title": "JSON Lines from yield with a return annotation",
            "path": "/progress.jsonl",
            "route": ["Progress", "progress_lines"],
            "notice": (
                "No response class at all: a path operation that yields, annotated "
                "AsyncIterable[Progress], streams application/jsonl, one validated JSON object "
                "per line, each sent as soon as it is yielded."
            ),
        },
    ],
}

app = FastAPI(title="Streaming responses")


def csv_rows(rows: int) -> Iterator[str]:
    yield "id,name,score\n"
    for i in range(1, rows + 1):
        yield f"{i},user{i},{i * 1.5}\n"


@app.get("/export.csv")
def export_csv(rows: int = 1000) -> StreamingResponse:
    return StreamingResponse(
        csv_rows(rows),
        media_type="text/csv",
        headers={"content-disposition": 'attachment; filename="export.csv"'},
    )


@app.get("/tokens")
async def tokens(prompt: str = "hello") -> StreamingResponse:
    async def words():
        for word in f"Here is a streamed answer about {prompt}.".split():
            yield word + " "
            await asyncio.sleep(0.15)

    return StreamingResponse(words(), media_type="text/plain")


@app.get("/events/legacy")
async def legacy_events() -> StreamingResponse:
    async def lines():
        for i in range(3):
            yield f"data: tick {i}\n\n"
            await asyncio.sleep(0.1)

    return StreamingResponse(lines(), media_type="text/event-stream")


class Progress(BaseModel):
    step: int
    done: bool


@app.get("/events", response_class=EventSourceResponse)
async def events() -> AsyncIterable[Progress | ServerSentEvent]:
    yield ServerSentEvent(event="start", id="0", retry=3000, data={"total": 3})
    for step in range(1, 4):
        await asyncio.sleep(0.1)
        yield Progress(step=step, done=step == 3)
    yield ServerSentEvent(comment="that was the last one")


@app.get("/yield/lines", response_class=StreamingResponse)
async def raw_lines() -> AsyncIterable[str]:
    for i in range(3):
        yield f"line {i}\n"
        await asyncio.sleep(0.05)


class CSVStream(StreamingResponse):
    media_type = "text/csv"


@app.get("/yield/export.csv", response_class=CSVStream)
async def csv_from_yield() -> AsyncIterable[str]:
    yield "id,name\n"
    for i in range(1, 4):
        yield f"{i},user{i}\n"


@app.get("/progress.jsonl")
async def progress_lines() -> AsyncIterable[Progress]:
    for step in range(1, 4):
        yield Progress(step=step, done=step == 3)
        await asyncio.sleep(0.1)
