"""Middleware: code around every request, what it can change, and what CORS lets a page read.

Run alone: uvicorn demos.middleware:app
"""

import asyncio
import time
from collections.abc import AsyncIterable
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import StreamingResponse

META = {
    "title": "Middleware",
    "summary": (
        "A middleware runs around every request of the app it wraps. With "
        "@app.middleware('http') you write a function that gets the request and "
        "call_next: what call_next returns is the response, whose head you may still "
        "change, here with an x-process-time header. For a streaming response call_next "
        "returns as soon as the head is ready, before the body exists, so the time it "
        "measures is not the time of the stream. CORSMiddleware is middleware too: "
        "browser JavaScript may read a custom response header only if expose_headers "
        "lists it, and allow_credentials with allow_origins=['*'] makes Starlette echo "
        "the caller's origin, since a browser refuses '*' on a credentialed request."
    ),
    "topic": "middleware",
    "quizzes": ["middleware", "cors"],
    "examples": [
        {
            "name": "process-time",
            "title": "A middleware adds x-process-time",
            "path": "/work",
            "route": ["add_process_time", "work"],
            "notice": (
                "The route knows nothing of it, yet the answer carries x-process-time: the "
                "middleware timed call_next, about 0.1 s for the route's sleep, and set the "
                "header before the response went out."
            ),
        },
        {
            "name": "stream-time",
            "title": "The same middleware around a stream",
            "path": "/stream",
            "route": ["add_process_time", "stream"],
            "notice": (
                "The stream takes about 0.3 s, but x-process-time is far less, a few "
                "milliseconds: "
                "call_next returned when the head was ready, and the head had to be final "
                "before the first chunk. The body went by the middleware afterwards."
            ),
        },
        {
            "name": "cors-exposed",
            "title": "Cross-origin, with expose_headers",
            "path": "/exposed/report",
            "headers": {"origin": "https://app.example"},
            "route": ["cors_app", "exposed"],
            "notice": (
                "access-control-expose-headers: x-process-time lets the page on "
                "https://app.example read that header from JavaScript. Without it, fetch() "
                "shows a cross-origin page only the CORS-safelisted response headers."
            ),
        },
        {
            "name": "cors-hidden",
            "title": "Cross-origin, without expose_headers",
            "path": "/hidden/report",
            "headers": {"origin": "https://app.example"},
            "route": ["cors_app", "hidden"],
            "notice": (
                "x-process-time is on the wire all the same, but there is no "
                "access-control-expose-headers: the browser hides it from the page's "
                "JavaScript, and response.headers.get('x-process-time') gives null."
            ),
        },
        {
            "name": "credentials-wildcard",
            "title": "allow_credentials with allow_origins=['*']",
            "path": "/anyone/report",
            "headers": {"origin": "https://evil.example"},
            "route": ["cors_app", "anyone"],
            "notice": (
                "Not '*' but the caller's own origin, with access-control-allow-credentials: "
                "true and vary: Origin. Any site may now send credentialed requests (cookies "
                "included) and read the answers: list the origins you trust instead."
            ),
        },
        {
            "name": "wildcard",
            "title": "allow_origins=['*'] without credentials",
            "path": "/public/report",
            "headers": {"origin": "https://evil.example"},
            "route": ["cors_app", "public"],
            "notice": (
                "Without credentials the wildcard is sent as it is, access-control-allow-"
                "origin: *, with no credentials header; a browser then sends no cookies. "
                "Starlette adds vary: Origin all the same."
            ),
        },
    ],
}

app = FastAPI(title="Middleware")


@app.middleware("http")
async def add_process_time(request: Request, call_next: Any) -> Response:
    start = time.perf_counter()
    response = await call_next(request)
    elapsed = time.perf_counter() - start
    response.headers["x-process-time"] = f"{elapsed:.4f}"
    return response


@app.get("/work")
async def work() -> dict:
    await asyncio.sleep(0.1)
    return {"done": True}


@app.get("/stream")
async def stream() -> StreamingResponse:
    async def parts() -> AsyncIterable[str]:
        for i in range(3):
            await asyncio.sleep(0.1)
            yield f"part {i}\n"

    return StreamingResponse(parts(), media_type="text/plain")


def cors_app(**cors: Any) -> FastAPI:
    sub = FastAPI()
    sub.add_middleware(CORSMiddleware, **cors)

    @sub.get("/report")
    async def report() -> dict:
        return {"rows": 3}

    return sub


ORIGIN = "https://app.example"
exposed = cors_app(allow_origins=[ORIGIN], expose_headers=["x-process-time"])
hidden = cors_app(allow_origins=[ORIGIN])
anyone = cors_app(allow_origins=["*"], allow_credentials=True)
public = cors_app(allow_origins=["*"])

app.mount("/exposed", exposed)
app.mount("/hidden", hidden)
app.mount("/anyone", anyone)
app.mount("/public", public)
