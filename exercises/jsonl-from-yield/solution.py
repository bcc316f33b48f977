import asyncio
from collections.abc import AsyncIterable, AsyncIterator

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


# A path operation that yields streams application/jsonl: each item is
# validated and filtered through the annotation's Event, one line each.
@app.get("/events")
async def list_events() -> AsyncIterable[Event]:
    async for entry in read_log():
        yield entry
