import asyncio
from collections.abc import AsyncIterable
from typing import Annotated

from fastapi import FastAPI, Header
from fastapi.sse import EventSourceResponse, ServerSentEvent

app = FastAPI()


# EventSource sends the last id it received back as Last-Event-ID when it
# reconnects; a ServerSentEvent sets the id (and event, retry) of one event.
@app.get("/feed", response_class=EventSourceResponse)
async def feed(
    last_event_id: Annotated[int | None, Header()] = None,
) -> AsyncIterable[ServerSentEvent]:
    start = 1 if last_event_id is None else last_event_id + 1
    for n in range(start, 6):
        yield ServerSentEvent(id=str(n), data={"news": n})
        await asyncio.sleep(0.05)
