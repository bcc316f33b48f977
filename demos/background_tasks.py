"""Background tasks: work that runs after the response has been sent.

Run alone: uvicorn demos.background_tasks:app
(the tasks report through the demos.background_tasks logger, at INFO level)
"""

import asyncio
import logging
import time
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI
from fastapi.responses import JSONResponse
from starlette.background import BackgroundTask

META = {
    "title": "Background tasks",
    "summary": (
        "Tasks added to BackgroundTasks run after the last byte of the response has been "
        "sent, one after another, inside the same server process. The client cannot see "
        "them: its response is complete before they finish. Here each task reports to the "
        "server log, with its time since the handler ran, so you can compare it with the "
        "moment the response was complete."
    ),
    "topic": "background-tasks",
    "quizzes": ["background-tasks"],
    "examples": [
        {
            "name": "queue",
            "title": "Two tasks queued, the 202 sent at once",
            "method": "POST",
            "path": "/signup?email=ada@example.com",
            "route": ["signup", "send_welcome", "update_stats"],
            "notice": (
                "The response is complete within milliseconds, while the server log shows "
                "send_welcome finishing about 0.25 s after the handler ran. update_stats "
                "starts only when send_welcome is done: tasks run in the order they were "
                "added, never side by side."
            ),
        },
        {
            "name": "failure",
            "title": "A task that raises, after the 200 went out",
            "method": "POST",
            "path": "/checkout",
            "route": ["checkout", "reserve_stock", "charge_card", "send_receipt"],
            "notice": (
                "The client has its 200 and never hears about the failure. charge_card "
                "raised, so send_receipt never started; uvicorn logs 'Exception in ASGI "
                "application' and closes the connection."
            ),
        },
        {
            "name": "dependency",
            "title": "A dependency and the route share one BackgroundTasks",
            "path": "/report",
            "route": ["audited", "record_access", "report", "warm_cache"],
            "notice": (
                "The dependency and the route both ask for BackgroundTasks and get the same "
                "object, so both tasks run, the dependency's first because it was added first."
            ),
        },
        {
            "name": "own-background",
            "title": "A returned Response with its own background task",
            "path": "/export",
            "route": ["export", "write_audit", "delete_temp_file"],
            "notice": (
                "write_audit goes into the injected BackgroundTasks, but the JSONResponse "
                "brings background=BackgroundTask(delete_temp_file). FastAPI attaches the "
                "injected tasks only to a response without a background, so write_audit is "
                "dropped, with no warning."
            ),
        },
    ],
}

app = FastAPI(title="Background tasks")
log = logging.getLogger(__name__)


def note(what: str, t0: float) -> None:
    """Report to the server log, with the time since the handler ran (t0)."""
    log.info("%s at +%.3f s", what, time.perf_counter() - t0)


async def send_welcome(email: str, t0: float) -> None:
    note(f"send_welcome({email}) started", t0)
    await asyncio.sleep(0.25)  # talking to a mail server
    note("send_welcome finished", t0)


def update_stats(t0: float) -> None:  # plain def: runs in a worker thread
    note("update_stats started", t0)
    time.sleep(0.25)
    note("update_stats finished", t0)


@app.post("/signup", status_code=202)
async def signup(email: str, tasks: BackgroundTasks) -> dict:
    t0 = time.perf_counter()
    tasks.add_task(send_welcome, email, t0)
    tasks.add_task(update_stats, t0)
    return {"email": email, "status": "accepted"}


async def reserve_stock(t0: float) -> None:
    await asyncio.sleep(0.1)
    note("reserve_stock finished", t0)


async def charge_card(t0: float) -> None:
    note("charge_card started", t0)
    raise RuntimeError("card declined")


async def send_receipt(t0: float) -> None:
    note("send_receipt started", t0)


@app.post("/checkout")
async def checkout(tasks: BackgroundTasks) -> dict:
    t0 = time.perf_counter()
    tasks.add_task(reserve_stock, t0)
    tasks.add_task(charge_card, t0)
    tasks.add_task(send_receipt, t0)
    return {"order": 41, "status": "placed"}


def record_access(t0: float) -> None:
    note("record_access ran", t0)


def audited(tasks: BackgroundTasks) -> float:
    t0 = time.perf_counter()
    tasks.add_task(record_access, t0)
    return t0


def warm_cache(t0: float) -> None:
    note("warm_cache ran", t0)


@app.get("/report")
async def report(
    tasks: BackgroundTasks,
    t0: Annotated[float, Depends(audited)],
) -> dict:
    tasks.add_task(warm_cache, t0)
    return {"report": "ready"}


async def write_audit(t0: float) -> None:
    note("write_audit ran", t0)


async def delete_temp_file(t0: float) -> None:
    note("delete_temp_file ran", t0)


@app.get("/export")
async def export(tasks: BackgroundTasks) -> JSONResponse:
    t0 = time.perf_counter()
    tasks.add_task(write_audit, t0)
    own = BackgroundTask(delete_temp_file, t0)
    return JSONResponse({"rows": 3}, background=own)
