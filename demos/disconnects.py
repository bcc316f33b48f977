"""Disconnects: what the server notices when a client goes away, and when cleanup runs.

Run alone: uvicorn demos.disconnects:app
(the handlers report through the demos.disconnects logger, at INFO level)
"""

import asyncio
import logging
from collections.abc import AsyncIterable, AsyncIterator
from typing import Annotated

from fastapi import Depends, FastAPI, Query, Request
from pydantic import BaseModel

META = {
    "title": "Client disconnects and cleanup",
    "summary": (
        "A client may hang up before the answer is complete. During a stream the server "
        "notices the closed connection and cancels the generator: asyncio.CancelledError is "
        "raised at the await where it was waiting, so a try/finally (or except "
        "CancelledError, re-raised) is where cleanup goes. A handler that computes a long "
        "answer before sending anything is not cancelled: it must ask "
        "await request.is_disconnected() itself. A dependency with yield runs its exit "
        "code after the response has been sent, for a stream after its last chunk; "
        "Depends(scope='function') runs it as soon as the handler returns instead. The "
        "lines under each exchange are the server's own log, with their times."
    ),
    "topic": "disconnects",
    "quizzes": ["disconnects"],
    "examples": [
        {
            "name": "hang-up",
            "title": "The client leaves a stream after three lines",
            "path": "/ticks",
            "route": ["Tick", "ticks"],
            "max_bytes": 24,
            "notice": (
                "The stream would last 2 s; the client closes the connection after three "
                "8-byte lines. Before the next tick was due, the server log says the "
                "generator was cancelled while it waited: the other 17 were never produced."
            ),
        },
        {
            "name": "finished",
            "title": "The same stream, read to the end",
            "path": "/ticks?count=3",
            "route": ["Tick", "ticks"],
            "notice": (
                "Three lines and the generator ends by itself: the log says 'finished', and "
                "the finally block runs in both cases."
            ),
        },
        {
            "name": "report",
            "title": "A slow report that asks request.is_disconnected()",
            "path": "/report",
            "route": ["report"],
            "notice": (
                "Nothing is sent until all 10 steps are done, so nothing cancels this "
                "handler if the client leaves: it asks is_disconnected() after each step. "
                "This client waits, and the log says all 10 ran; one that gives up (curl "
                "--max-time 0.3 against frcli serve) makes it stop at the next check."
            ),
        },
        {
            "name": "dependency-normal",
            "title": "A dependency with yield, normal response",
            "path": "/session/user",
            "route": ["get_session", "read_user"],
            "notice": (
                "The log shows the order: session opened, handler ran, session closed. The "
                "exit code after yield runs once the response has gone out."
            ),
        },
        {
            "name": "dependency-stream",
            "title": "A dependency with yield, streaming response",
            "path": "/session/rows",
            "route": ["get_session", "stream_rows"],
            "notice": (
                "The session stays open while the rows stream, and closes only after the "
                "last one: each row can still use it. The close lands in the log after "
                "every row."
            ),
        },
        {
            "name": "dependency-function-scope",
            "title": "Depends(scope='function') with a stream",
            "path": "/session/rows-early",
            "route": ["get_session", "stream_rows_early"],
            "notice": (
                "scope='function' runs the exit code as soon as the handler returns: for a "
                "stream that is before the first row is produced, so every row finds the "
                "session already closed."
            ),
        },
    ],
}

app = FastAPI(title="Client disconnects and cleanup")
log = logging.getLogger(__name__)


class Tick(BaseModel):
    n: int


@app.get("/ticks")
async def ticks(count: int = Query(20, ge=0, le=50)) -> AsyncIterable[Tick]:
    n = 0
    try:
        for n in range(count):
            yield Tick(n=n)
            await asyncio.sleep(0.1)
        log.info("ticks: finished after %d", count)
    except asyncio.CancelledError:
        log.info("ticks: cancelled while waiting after tick %d", n)
        raise
    finally:
        log.info("ticks: finally block ran")


@app.get("/report")
async def report(request: Request) -> dict:
    for step in range(1, 11):
        await asyncio.sleep(0.05)  # a slow piece of work
        if await request.is_disconnected():
            log.info("report: client gone after step %d, stopping", step)
            return {"steps": step}
    log.info("report: all 10 steps done")
    return {"steps": 10}


class Session:
    def __init__(self) -> None:
        self.open = True


async def get_session() -> AsyncIterator[Session]:
    session = Session()
    log.info("session opened")
    try:
        yield session
    finally:
        session.open = False
        log.info("session closed")


@app.get("/session/user")
async def read_user(session: Annotated[Session, Depends(get_session)]) -> dict:
    log.info("handler ran, session open: %s", session.open)
    return {"user": "ada", "session_open": session.open}


@app.get("/session/rows")
async def stream_rows(
    session: Annotated[Session, Depends(get_session)],
) -> AsyncIterable[dict]:
    for i in range(3):
        log.info("row %d, session open: %s", i, session.open)
        yield {"row": i, "session_open": session.open}
        await asyncio.sleep(0.05)


@app.get("/session/rows-early")
async def stream_rows_early(
    session: Annotated[Session, Depends(get_session, scope="function")],
) -> AsyncIterable[dict]:
    for i in range(3):
        log.info("row %d, session open: %s", i, session.open)
        yield {"row": i, "session_open": session.open}
        await asyncio.sleep(0.05)
