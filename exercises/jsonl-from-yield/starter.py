import asyncio
from collections.abc import AsyncIterator

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Event(BaseModel):
    id: int
    kind: str


async def read_log() -> AsyncIterator[dict]:
    """Audit log entries as they are read; each one also holds the client's ip."""
    for i, kind in enumerate(["signup", "login", "purchase", "logout"], start=1):
        await asyncio.sleep(0.15)
        yield {"id": i, "kind": kind, "ip": f"10.0.0.{i}"}


# TODO: the client waits for the whole log, then gets one JSON array. Send
# JSON Lines instead: one Event per line, each as soon as it is read, checked
# and filtered by the Event model (no ip).
@app.get("/events")
async def list_events() -> list[Event]:
    return [Event(**entry) async for entry in read_log()]
