import asyncio
from collections.abc import AsyncIterable

from fastapi import FastAPI
from fastapi.sse import EventSourceResponse, ServerSentEvent

app = FastAPI()


# Without Header(), last_event_id is a query parameter: the header is never read.
@app.get("/feed", response_class=EventSourceResponse)
async def feed(last_event_id: int | None = None) -> AsyncIterable[ServerSentEvent]:
    start = 1 if last_event_id is None else last_event_id + 1
    for n in range(start, 6):
        yield ServerSentEvent(id=str(n), data={"news": n})
        await asyncio.sleep(0.05)
