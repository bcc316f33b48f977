# Plausible but wrong: EventSourceResponse, but the data is JSON-encoded by hand, so FastAPI
# encodes it again: the events carry the string "{\"step\": 1}", not the object.
import json

from fastapi import FastAPI
from fastapi.sse import EventSourceResponse

app = FastAPI()


@app.get("/events", response_class=EventSourceResponse)
async def events():
    for step in range(1, 4):
        yield json.dumps({"step": step})
