# Another style: ServerSentEvent objects carrying a Pydantic model, from a sync generator.
from collections.abc import Iterable

from fastapi import FastAPI
from fastapi.sse import EventSourceResponse, ServerSentEvent
from pydantic import BaseModel

app = FastAPI()


class Step(BaseModel):
    step: int


@app.get("/events", response_class=EventSourceResponse)
def events() -> Iterable[ServerSentEvent]:
    for n in (1, 2, 3):
        yield ServerSentEvent(data=Step(step=n), id=str(n))
