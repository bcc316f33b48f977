"""LiveServer stops the moment it is asked to, not at uvicorn's next tick."""

from __future__ import annotations

import time

import httpx
from fastapi import FastAPI

from fastapi_responses_cli import live_server
from fastapi_responses_cli.live_server import LiveServer


def _app() -> FastAPI:
    app = FastAPI()

    @app.get("/")
    def root() -> dict:
        return {"ok": True}

    return app


def test_stop_wakes_the_loop_instead_of_waiting_for_the_tick(monkeypatch):
    # A tick of 30 s: only the wake-up can make stop() return before its own 5 s join timeout.
    monkeypatch.setattr(live_server._ThreadServer, "TICK", 30.0)
    server = LiveServer(_app()).start()
    with httpx.Client(trust_env=False) as client:
        assert client.get(server.url + "/").json() == {"ok": True}
    time.sleep(0.05)  # let the loop settle into its (long) wait
    started = time.perf_counter()
    server.stop()
    took = time.perf_counter() - started
    assert took < 4.0, f"stop() took {took:.1f} s: the loop was not woken"
