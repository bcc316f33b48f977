"""Background tasks: work that runs after the response has been sent.

Run alone: uvicorn demos.background_tasks:app
"""

import asyncio
import time
from contextlib import contextmanager

from fastapi import BackgroundTasks, FastAPI
from fastapi.responses import JSONResponse
from starlette.background import BackgroundTask

META = {
    "title": "Background tasks",
    "summary": (
        "Tasks added to BackgroundTasks run after the last byte of the response has been "
        "sent, one after another, in the same server process. The client never sees them: "
        "its exchange is over before they finish, so every request here is followed by a "
        "second one that reads the server's journal of what the tasks did and when. Times in "
        "a journal are seconds since the handler ran."
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
                "The 202 body is all the client gets: nothing in this exchange says whether "
                "the tasks ran. They are still sleeping when the answer arrives; the next "
                "example asks the server what happened."
            ),
        },
        {
            "name": "journal",
            "title": "What the signup tasks did, and when",
            "path": "/journal?of=signup",
            "route": ["journal"],
            "notice": (
                "When this request arrived, send_welcome was still running, so the signup "
                "response had already been delivered. update_stats only started once "
                "send_welcome had finished: tasks run in the order they were added, never "
                "side by side."
            ),
        },
        {
            "name": "failure",
            "title": "A task that raises, after a 200 already went out",
            "method": "POST",
            "path": "/checkout",
            "headers": {"connection": "close"},
            "route": ["checkout", "reserve_stock", "charge_card", "send_receipt"],
            "notice": (
                "The client gets its 200 whatever the tasks do later. This request asks for "
                "connection: close because uvicorn closes the connection when a task raises, "
                "which would cut off the next request if it were reusing that connection."
            ),
        },
        {
            "name": "failure-journal",
            "title": "After the exception: the rest of the queue was dropped",
            "path": "/journal?of=checkout",
            "route": ["journal"],
            "notice": (
                "charge_card raised, so send_receipt never started. Nobody told the client: "
                "the only trace is uvicorn's 'Exception in ASGI application' error in the "
                "server log shown with this request."
            ),
        },
        {
            "name": "own-background",
            "title": "A returned Response with its own background task",
            "path": "/export",
            "route": ["export", "write_audit", "delete_temp_file"],
            "notice": (
                "The handler adds write_audit to the injected BackgroundTasks but returns a "
                "JSONResponse carrying background=BackgroundTask(delete_temp_file). FastAPI "
                "only attaches the injected tasks when the response has no background of its "
                "own, so write_audit is silently dropped."
            ),
        },
        {
            "name": "own-journal",
            "title": "Which task ran for the export",
            "path": "/journal?of=export",
            "route": ["journal"],
            "notice": (
                "Only delete_temp_file ran. No warning appears anywhere; to keep both, add "
                "every task to one BackgroundTasks and pass that as the response's background."
            ),
        },
    ],
}

app = FastAPI(title="Background tasks")


class Journal:
    """What one request's tasks did, with times since its handler returned."""

    def __init__(self) -> None:
        self.t0 = time.perf_counter()
        self.events: list[dict] = []
        self.running: set[str] = set()
        self.last_change = self.t0

    def elapsed(self) -> float:
        return round(time.perf_counter() - self.t0, 3)

    def note(self, event: str) -> None:
        self.events.append({"t": self.elapsed(), "event": event})
        self.last_change = time.perf_counter()

    async def settled(self, quiet: float = 0.25, limit: float = 3.0) -> None:
        """Wait until no task is running and nothing has happened for ``quiet`` seconds."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            if not self.running and time.perf_counter() - self.last_change >= quiet:
                return
            await asyncio.sleep(0.02)


JOURNALS: dict[str, Journal] = {}


@contextmanager
def track(request: str, task: str):
    """Record a task's start and its end (finished or raised) in a request's journal."""
    journal = JOURNALS[request]
    journal.running.add(task)
    journal.note(f"{task} started")
    try:
        yield
    except Exception as exc:
        journal.note(f"{task} raised {type(exc).__name__}: {exc}")
        raise
    else:
        journal.note(f"{task} finished")
    finally:
        journal.running.discard(task)


async def send_welcome(email: str) -> None:
    with track("signup", "send_welcome"):
        await asyncio.sleep(0.3)  # talking to a mail server


def update_stats() -> None:  # a plain def: Starlette runs it in a worker thread
    with track("signup", "update_stats"):
        time.sleep(0.3)


@app.post("/signup", status_code=202)
async def signup(email: str, tasks: BackgroundTasks) -> dict:
    JOURNALS["signup"] = Journal()
    tasks.add_task(send_welcome, email)
    tasks.add_task(update_stats)
    JOURNALS["signup"].note("handler returned; 2 tasks queued")
    return {"email": email, "status": "accepted"}


async def reserve_stock() -> None:
    with track("checkout", "reserve_stock"):
        await asyncio.sleep(0.2)


async def charge_card() -> None:
    with track("checkout", "charge_card"):
        raise RuntimeError("card declined")


async def send_receipt() -> None:
    with track("checkout", "send_receipt"):
        await asyncio.sleep(0.1)


@app.post("/checkout")
async def checkout(tasks: BackgroundTasks) -> dict:
    JOURNALS["checkout"] = Journal()
    tasks.add_task(reserve_stock)
    tasks.add_task(charge_card)
    tasks.add_task(send_receipt)
    JOURNALS["checkout"].note("handler returned; 3 tasks queued")
    return {"order": 41, "status": "placed"}


async def write_audit() -> None:
    with track("export", "write_audit"):
        await asyncio.sleep(0.1)


async def delete_temp_file() -> None:
    with track("export", "delete_temp_file"):
        await asyncio.sleep(0.1)


@app.get("/export")
async def export(tasks: BackgroundTasks) -> JSONResponse:
    JOURNALS["export"] = Journal()
    tasks.add_task(write_audit)
    JOURNALS["export"].note("handler returned; write_audit queued, delete_temp_file attached")
    return JSONResponse({"rows": 3}, background=BackgroundTask(delete_temp_file))


@app.get("/journal")
async def journal(of: str) -> dict:
    """Report a request's tasks once they have settled (waits up to a few seconds)."""
    record = JOURNALS.get(of)
    if record is None:
        return {"of": of, "events": [], "note": f"nothing recorded: send the {of} request first"}
    asked_at, running = record.elapsed(), sorted(record.running)
    await record.settled()
    return {
        "of": of,
        "asked_at": asked_at,
        "running_when_asked": running,
        "events": record.events,
    }
