import asyncio
import json
from collections.abc import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse

app = FastAPI()


async def events(start: int) -> AsyncIterator[str]:
    for n in range(start, 6):
        yield f"id: {n}\ndata: {json.dumps({'news': n})}\n\n"
        await asyncio.sleep(0.05)


# The legacy way, formatted by hand: still valid Server-Sent Events.
@app.get("/feed")
async def feed(request: Request) -> StreamingResponse:
    last = request.headers.get("last-event-id")
    start = int(last) + 1 if last and last.isdigit() else 1
    return StreamingResponse(events(start), media_type="text/event-stream")
