import asyncio
from collections.abc import AsyncIterator

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Event(BaseModel):
    id: int
    kind: str


async def read_log() -> AsyncIterator[dict]:
    for i, kind in enumerate(["signup", "login", "purchase", "logout"], start=1):
        await asyncio.sleep(0.15)
        yield {"id": i, "kind": kind, "ip": f"10.0.0.{i}"}


# JSON Lines, but with no return annotation nothing checks the items: ip goes out.
@app.get("/events")
async def list_events():
    async for entry in read_log():
        yield entry
