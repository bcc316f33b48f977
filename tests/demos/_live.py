"""Check a general rule on a small app of the test's own, served by a real uvicorn server.

A notice states a fact about one demo route; when the text states a rule, the tests check it
on several cases, each built here and sent over real HTTP (the same LiveServer the demos use).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn

from fastapi_responses_cli.live_server import (
    LiveServer,
    ServerLog,
    bind_loopback,
    capture_server_output,
)
from fastapi_responses_cli.recorder import make_client


@contextmanager
def served(app: Any) -> Iterator[tuple[httpx.Client, ServerLog]]:
    """A client whose base URL is ``app`` on a LiveServer, and the server's log."""
    log = ServerLog()
    with capture_server_output(log), LiveServer(app, log=log) as server, make_client() as client:
        client.base_url = httpx.URL(server.url)
        yield client, log


def fetch(app: Any, method: str, path: str, **kwargs: Any) -> httpx.Response:
    """One request to ``app`` on a fresh LiveServer; the body is read before it stops."""
    with served(app) as (client, _):
        response = client.request(method, path, **kwargs)
        response.read()
        return response


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def with_access_log(app: Any, method: str, path: str) -> tuple[httpx.Response, list[str]]:
    """One request to ``app`` on a plain uvicorn server with its access log on (LiveServer
    turns it off), and every uvicorn record, as ``"LEVEL logger: message"`` lines."""
    sock = bind_loopback()
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_config=None, access_log=True, lifespan="off", ws="none")
    server = uvicorn.Server(config)
    handler = _Records()
    loggers = [logging.getLogger(n) for n in ("uvicorn.access", "uvicorn.error")]
    saved = [(lg, lg.level, lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.INFO)
        lg.propagate = False
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.001)
        with make_client() as client:
            response = client.request(method, f"http://127.0.0.1:{port}{path}")
        deadline = time.monotonic() + 2
        while server.server_state.tasks and time.monotonic() < deadline:
            time.sleep(0.001)
    finally:
        server.should_exit = True
        thread.join(5)
        sock.close()
        for lg, level, propagate in saved:
            lg.removeHandler(handler)
            lg.setLevel(level)
            lg.propagate = propagate
    lines = [f"{r.levelname} {r.name}: {r.getMessage()}" for r in handler.records]
    return response, lines
