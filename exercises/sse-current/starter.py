import asyncio
import json

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()


async def steps():
    for step in range(1, 4):
        await asyncio.sleep(0.05)
        yield f"data: {json.dumps({'step': step})}\n\n"


# TODO: this is the legacy way to send Server-Sent Events: hand-written "data:" lines in a
# StreamingResponse, without the headers that keep proxies from buffering the stream.
# Use FastAPI's own SSE support instead, and yield the data itself.
@app.get("/events")
async def events() -> StreamingResponse:
    return StreamingResponse(steps(), media_type="text/event-stream")
