"""LiveServer: a real uvicorn server for one app, in a background thread on 127.0.0.1.

Why not ``httpx.ASGITransport``: it collects every body message before it returns a response,
so a stream would arrive all at once and an endless one would hang. A real server on a
loopback port shows the real wire (``date``, ``server``, ``transfer-encoding: chunked``) and the
real timing.

Stopping fast: uvicorn's own loop polls for exit every 0.1 s and its shutdown always sleeps
0.1 s to let connections notice. ``_ThreadServer`` wakes its loop the moment ``stop()`` is
called and only waits for connections that are still open, so a run whose client has closed
its connections stops in a few milliseconds instead of ~150-200 ms. Behaviour with open
connections (grace period, then cancellation) is uvicorn's own.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import uvicorn

if TYPE_CHECKING:
    from starlette.types import ASGIApp

from .errors import FrcliError
from .timeline import LogEntry


@dataclass
class ServerLog:
    """Collects what the app and uvicorn emit, so the learner sees it beside the exchange."""

    entries: list[LogEntry] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, level: str, source: str, message: str) -> None:
        with self._lock:
            self.entries.append(LogEntry(time.perf_counter(), level, source, message))

    def between(self, start: float, end: float) -> list[LogEntry]:
        with self._lock:
            return [e for e in self.entries if start <= e.t <= end]

    def before(self, t: float) -> list[LogEntry]:
        with self._lock:
            return [e for e in self.entries if e.t < t]


class _CaptureHandler(logging.Handler):
    def __init__(self, log: ServerLog) -> None:
        super().__init__(logging.INFO)
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        # Lifecycle chatter ("Started server process", "Waiting for application startup")
        # says nothing about the demo; keep warnings and errors, and any app logger's info.
        if record.name.startswith("uvicorn") and record.levelno < logging.WARNING:
            return
        message = record.getMessage().rstrip()
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            message = f"{message}: {type(exc).__name__}: {exc}"
        self.log.add(record.levelname, record.name, message)


# Loggers whose records we divert while a demo runs. The host's root logger is left alone.
_LOGGERS = ("uvicorn.error", "uvicorn.asgi", "fastapi", "demos", "fastapi_responses_cli.demos")


@contextmanager
def capture_server_output(log: ServerLog) -> Iterator[ServerLog]:
    """Divert app/uvicorn log records and Python warnings into ``log`` for the duration.

    Warnings use the ``default`` filter (each shown once per place) so a deprecation in a demo
    is seen, as it would be in a fresh server process.
    """
    handler = _CaptureHandler(log)
    saved: list[tuple[logging.Logger, bool, int]] = []
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.propagate, logger.level))
        logger.addHandler(handler)
        logger.propagate = False
        if logger.level == logging.NOTSET or logger.level > logging.INFO:
            logger.setLevel(logging.INFO)
    original_showwarning = warnings.showwarning

    def showwarning(message, category, filename, lineno, file=None, line=None):
        log.add("WARNING", category.__name__, str(message).split("\n")[0])

    with warnings.catch_warnings():
        warnings.simplefilter("default")
        warnings.showwarning = showwarning
        try:
            yield log
        finally:
            warnings.showwarning = original_showwarning
            for logger, propagate, level in saved:
                logger.removeHandler(handler)
                logger.propagate = propagate
                logger.setLevel(level)


class _ThreadServer(uvicorn.Server):
    """uvicorn.Server that can be woken to stop at once (see the module docstring)."""

    _wake: asyncio.Event | None = None
    _loop: asyncio.AbstractEventLoop | None = None
    TICK = 0.1  # seconds between uvicorn's housekeeping ticks, as in uvicorn's own main loop

    async def main_loop(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 1) % 864000
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self.TICK)
            except TimeoutError:
                pass

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for server in self.servers:
            server.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        if self.server_state.connections:
            await asyncio.sleep(0.1)  # uvicorn's pause for connections to notice
        try:
            await asyncio.wait_for(
                self._wait_tasks_to_complete(), timeout=self.config.timeout_graceful_shutdown
            )
        except TimeoutError:
            for task in self.server_state.tasks:
                task.cancel(msg="Task cancelled, timeout graceful shutdown exceeded")
        if not self.force_exit:
            await self.lifespan.shutdown()

    def wake(self) -> None:
        self.should_exit = True
        if self._loop is not None and self._wake is not None:
            try:
                self._loop.call_soon_threadsafe(self._wake.set)
            except RuntimeError:  # loop already closed
                pass


def bind_loopback(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A listening TCP socket. IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on sockets
    whose protocol is TCP, and without it kept-alive requests stall ~40 ms (Nagle + delayed ACK).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise FrcliError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.listen(128)
    return sock


class LiveServer:
    """Serve ``app`` on 127.0.0.1 in a daemon thread. Use as a context manager.

    >>> with LiveServer(app) as server:
    ...     httpx.get(server.url + "/")
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        log: ServerLog | None = None,
        graceful_timeout: float = 1.0,
    ) -> None:
        self.app = app
        self.host = host
        self.port = port
        self.log = log or ServerLog()
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._server: _ThreadServer | None = None
        self._graceful_timeout = graceful_timeout
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 10.0) -> LiveServer:
        self._sock = bind_loopback(self.host, self.port)
        self.port = self._sock.getsockname()[1]
        config = uvicorn.Config(
            self.app,
            log_config=None,  # leave the host's logging configuration alone
            access_log=False,
            lifespan="auto",
            timeout_graceful_shutdown=self._graceful_timeout,  # type: ignore[arg-type]  # float works
            ws="none",
        )
        self._server = _ThreadServer(config)
        self._thread = threading.Thread(target=self._run, name="frcli-live-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if self._error is not None or not self._thread.is_alive():
                raise FrcliError(f"the demo server did not start: {self._error}")
            if time.monotonic() > deadline:
                raise FrcliError(f"the demo server did not start within {timeout:.0f} s")
            time.sleep(0.001)
        return self

    def _run(self) -> None:
        try:
            assert self._server is not None and self._sock is not None
            self._server.run(sockets=[self._sock])
        except BaseException as exc:  # reported by start() / stop()
            self._error = exc

    def wait_idle(self, timeout: float = 1.0) -> bool:
        """Wait until no request is being handled, at most ``timeout`` seconds.

        uvicorn logs an app's exception after the 500 has been sent, and background tasks run
        after the response too: waiting here lets those records land with the exchange that
        caused them instead of the next one. True when the server went idle in time.
        """
        server = self._server
        if server is None:
            return True
        deadline = time.monotonic() + timeout
        while server.server_state.tasks:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.001)
        return True

    def stop(self, timeout: float = 5.0) -> None:
        if self._server is None or self._thread is None:
            return
        self._server.wake()
        self._thread.join(timeout)
        if self._thread.is_alive():  # a stream that ignores cancellation; give up on grace
            self._server.force_exit = True
            self._thread.join(1.0)
        if self._sock is not None:
            self._sock.close()
        self._server = None
        self._thread = None

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
