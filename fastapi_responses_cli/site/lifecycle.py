"""How `frcli serve` treats connections: streams end when it stops, idle sockets are closed.

- :class:`EndStreamsOnStop`: when the server is told to stop (Ctrl-C), every response still
  streaming (an endless SSE stream held open by ``curl -N``) is told the client went away,
  which ends it the way a real disconnect does, and its chunked body is closed properly. The
  server then stops at once instead of waiting out its grace period and cancelling the tasks
  (which printed ``Exception in ASGI application`` and two ``CancelledError`` tracebacks).
- :class:`FirstRequestTimeout`: uvicorn's keep-alive timeout only starts after a response, so a
  connection that never sends a request stayed open for ever; this one is closed after
  :data:`FIRST_REQUEST_SECONDS`.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from uvicorn.protocols.http.h11_impl import H11Protocol

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

FIRST_REQUEST_SECONDS = 5.0  # as long as uvicorn keeps an idle kept-alive connection


class Stopping:
    """Set once, from the thread that handles signals; awaited by every streaming response."""

    def __init__(self) -> None:
        self._event: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.stopped = False

    def __getstate__(self) -> dict[str, Any]:  # --reload pickles the server for its child
        return {"_event": None, "_loop": None, "stopped": False}

    def event(self) -> asyncio.Event:
        if self._event is None:
            self._loop = asyncio.get_running_loop()
            self._event = asyncio.Event()
            if self.stopped:
                self._event.set()
        return self._event

    def set(self) -> None:
        self.stopped = True
        if self._event is not None and self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._event.set)


class EndStreamsOnStop:
    """ASGI wrapper: on stop, ``receive()`` answers ``http.disconnect`` and an unfinished body
    gets its last (empty) chunk."""

    def __init__(self, app: ASGIApp, stopping: Stopping) -> None:
        self.app = app
        self.stopping = stopping

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        stop = self.stopping.event()
        started = finished = False

        async def receive_or_stop() -> Message:
            if stop.is_set():
                return {"type": "http.disconnect"}
            get = asyncio.ensure_future(receive())
            wait = asyncio.ensure_future(stop.wait())
            try:
                await asyncio.wait({get, wait}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                wait.cancel()
                if not get.done():
                    get.cancel()
            if get.done() and not get.cancelled():
                return get.result()
            return {"type": "http.disconnect"}

        async def tracked_send(message: Message) -> None:
            nonlocal started, finished
            if message["type"] == "http.response.start":
                started = True
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                finished = True
            await send(message)

        await self.app(scope, receive_or_stop, tracked_send)
        if stop.is_set() and started and not finished:
            try:
                await send({"type": "http.response.body", "body": b"", "more_body": False})
            except Exception:  # the client left meanwhile: nothing to finish
                pass


class FirstRequestTimeout(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, closing a connection that sends no request in time."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._first_request_timer: asyncio.TimerHandle | None = self.loop.call_later(
            FIRST_REQUEST_SECONDS, self._no_request
        )

    def _no_request(self) -> None:
        self._first_request_timer = None
        if self.cycle is None and not self.transport.is_closing():
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        timer = getattr(self, "_first_request_timer", None)
        if timer is not None:
            timer.cancel()
        super().connection_lost(exc)
