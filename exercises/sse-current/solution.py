import asyncio
from collections.abc import AsyncIterable

from fastapi import FastAPI
from fastapi.sse import EventSourceResponse

app = FastAPI()


# response_class=EventSourceResponse and yield: FastAPI writes each item as a "data:" event
# (JSON-encoded), and adds cache-control: no-cache and x-accel-buffering: no.
@app.get("/events", response_class=EventSourceResponse)
async def events() -> AsyncIterable[dict]:
    for step in range(1, 4):
        await asyncio.sleep(0.05)
        yield {"step": step}
