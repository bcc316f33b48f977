import asyncio
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

app = FastAPI()


class Event(BaseModel):
    id: int
    kind: str


async def read_log() -> AsyncIterator[dict]:
    for i, kind in enumerate(["signup", "login", "purchase", "logout"], start=1):
        await asyncio.sleep(0.15)
        yield {"id": i, "kind": kind, "ip": f"10.0.0.{i}"}


async def lines() -> AsyncIterator[str]:
    async for entry in read_log():
        yield Event.model_validate(entry).model_dump_json() + "\n"


@app.get("/events")
async def list_events() -> StreamingResponse:
    return StreamingResponse(lines(), media_type="application/jsonl")
