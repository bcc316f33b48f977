import asyncio
from collections.abc import AsyncIterable

from fastapi import FastAPI
from fastapi.sse import EventSourceResponse

app = FastAPI()


# TODO: a browser whose connection dropped reconnects with a Last-Event-ID
# header, and gets the whole feed again. Give each event its number as its id,
# and after a reconnect send only the events after the one the client saw last.
@app.get("/feed", response_class=EventSourceResponse)
async def feed() -> AsyncIterable[dict]:
    for n in range(1, 6):
        yield {"news": n}
        await asyncio.sleep(0.05)
