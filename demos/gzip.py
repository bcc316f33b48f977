"""GZip: compressing responses with Starlette's GZipMiddleware.

Run alone: uvicorn demos.gzip:app
"""

import asyncio
from collections.abc import AsyncIterable

from fastapi import FastAPI, Query, Response
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import StreamingResponse
from fastapi.sse import EventSourceResponse

META = {
    "title": "GZip compression",
    "summary": (
        "GZipMiddleware compresses a response when the request's accept-encoding mentions "
        "gzip. It sets content-encoding: gzip, replaces content-length with the compressed "
        "size and adds vary: Accept-Encoding for caches. minimum_size (500 here) counts only "
        "when the whole body comes in one message: a stream is compressed chunk by chunk "
        "whatever its size. It leaves alone 206 partial responses, bodies that already have "
        "a content-encoding, and the media types on its default exclude list: event streams, "
        "images such as PNG and JPEG, audio, video, fonts and archives. The chunk sizes below "
        "are bytes on the wire; the body shown is what they decode to."
    ),
    "topic": "streaming",
    "quizzes": ["streaming"],
    "examples": [
        {
            "name": "gzip",
            "title": "A 2.5 kB JSON body, client accepts gzip",
            "path": "/users",
            "headers": {"accept-encoding": "gzip"},
            "route": ["users"],
            "notice": (
                "content-length is the compressed size, 473 bytes for 2,581 bytes of JSON, "
                "and content-encoding: gzip tells the client to decode it. vary: "
                "Accept-Encoding warns caches that the answer depends on that header."
            ),
        },
        {
            "name": "identity",
            "title": "The same body, client refuses compression",
            "path": "/users?rows=100",
            "headers": {"accept-encoding": "identity"},
            "route": ["users"],
            "notice": (
                "Same JSON (rows defaults to 100), sent as is: content-length 2,581 and no "
                "content-encoding. vary: Accept-Encoding is still there, since another client "
                "would have got gzip."
            ),
        },
        {
            "name": "small",
            "title": "A body under minimum_size",
            "path": "/health",
            "headers": {"accept-encoding": "gzip"},
            "route": ["health"],
            "notice": (
                "11 bytes is under minimum_size=500, so the body goes out uncompressed even "
                "though the client accepts gzip, and without a vary header."
            ),
        },
        {
            "name": "stream",
            "title": "A StreamingResponse through GZip",
            "path": "/log",
            "headers": {"accept-encoding": "gzip"},
            "route": ["log_lines"],
            "notice": (
                "Each chunk is compressed and flushed at once, so lines still arrive live. The "
                "first carries the gzip header; later 56-byte lines cost about 10 bytes, as "
                "they repeat the first. The last chunk, the gzip trailer, decodes to nothing."
            ),
        },
        {
            "name": "tiny-stream",
            "title": "An 11-byte stream: compressed although it is tiny",
            "path": "/tiny",
            "headers": {"accept-encoding": "gzip"},
            "route": ["tiny"],
            "notice": (
                "Eleven bytes, far under minimum_size=500, yet content-encoding: gzip: a "
                "StreamingResponse sends its body in several messages, and the middleware "
                "checks the size only of a body that comes in one. Compressed, it is bigger."
            ),
        },
        {
            "name": "png",
            "title": "A PNG image through GZip",
            "path": "/pixel.png",
            "headers": {"accept-encoding": "gzip"},
            "route": ["pixel"],
            "notice": (
                "image/png is on the default exclude list (PNG is already compressed), so the "
                "body goes out as is, with no content-encoding and no vary, although it is "
                "768 bytes, over minimum_size, and the client accepts gzip."
            ),
        },
        {
            "name": "sse",
            "title": "Server-Sent Events through GZip",
            "path": "/events",
            "headers": {"accept-encoding": "gzip"},
            "route": ["events"],
            "notice": (
                "text/event-stream is on GZipMiddleware's default exclude list, so the events "
                "go out uncompressed and without a vary header, although the client accepts "
                "gzip and every event repeats 300 x's."
            ),
        },
        {
            "name": "q-zero",
            "title": "gzip;q=0 still gets gzip",
            "path": "/users?rows=50",
            "headers": {"accept-encoding": "gzip;q=0"},
            "route": ["users"],
            "notice": (
                "q=0 means 'not acceptable', yet the body is gzipped: the middleware only "
                "checks whether the text 'gzip' appears in accept-encoding, and ignores "
                "quality values."
            ),
        },
    ],
}

app = FastAPI(title="GZip compression")
app.add_middleware(GZipMiddleware, minimum_size=500)


@app.get("/users")
async def users(rows: int = Query(100, ge=0, le=10_000)) -> list[dict]:
    return [{"id": i, "name": f"user{i}"} for i in range(rows)]


@app.get("/health")
async def health() -> dict:
    return {"ok": True}


@app.get("/log")
async def log_lines() -> StreamingResponse:
    async def lines():
        for i in range(4):
            yield f"{i:02d} GET /users 200 - " + "." * 35 + "\n"
            await asyncio.sleep(0.1)

    return StreamingResponse(lines(), media_type="text/plain")


@app.get("/tiny")
async def tiny() -> StreamingResponse:
    async def parts():
        yield "tiny "
        yield "stream"

    return StreamingResponse(parts(), media_type="text/plain")


PNG = bytes(range(256)) * 3  # stands in for an image's bytes: 768 of them


@app.get("/pixel.png")
async def pixel() -> Response:
    return Response(PNG, media_type="image/png")


@app.get("/events", response_class=EventSourceResponse)
async def events() -> AsyncIterable[dict]:
    for i in range(3):
        yield {"tick": i, "padding": "x" * 300}
        await asyncio.sleep(0.1)
