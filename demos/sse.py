"""Server-Sent Events: one long response that carries many small events.

Run alone: uvicorn demos.sse:app
"""

import asyncio
from collections.abc import AsyncIterable

import fastapi.routing
from fastapi import Depends, FastAPI, Header
from fastapi.responses import StreamingResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent
from pydantic import BaseModel

META = {
    "title": "Server-Sent Events",
    "summary": (
        "An SSE response is text/event-stream: blocks of 'field: value' lines, each block "
        "ended by a blank line. Set response_class=EventSourceResponse and yield: FastAPI "
        "writes the fields, JSON-encodes the data, adds x-accel-buffering: no (nginx must not "
        "buffer) and cache-control: no-cache (caches must revalidate a stored copy), and "
        "sends a ': ping' comment whenever the generator stays quiet for a while. "
        "Browsers read it with EventSource (GET only); fetch() can read it from any method."
    ),
    "topic": "streaming",
    "quizzes": ["streaming"],
    "examples": [
        {
            "name": "fields",
            "title": "event, id, retry and comments",
            "path": "/jobs",
            "route": ["Job", "jobs"],
            "notice": (
                "event names the browser event to fire, id is what EventSource sends back as "
                "Last-Event-ID after a reconnect, retry (ms) sets the reconnect delay, and "
                "': ...' lines are comments that clients ignore. A yielded model becomes one "
                "compact JSON data: line."
            ),
        },
        {
            "name": "resume",
            "title": "Resuming after Last-Event-ID",
            "path": "/feed",
            "headers": {"last-event-id": "2"},
            "route": ["feed"],
            "notice": (
                "The client says it saw event 2, as a browser does when it reconnects, so the "
                "stream starts at id 3. The id: lines are what make resuming possible."
            ),
        },
        {
            "name": "post",
            "title": "SSE over POST with a JSON body",
            "method": "POST",
            "path": "/chat",
            "json": {"prompt": "why is the sky blue", "max_words": 4},
            "route": ["Prompt", "chat"],
            "notice": (
                "EventSourceResponse works with any method, so the request can carry a body, "
                "as LLM APIs and MCP do. EventSource cannot send one: read such a stream with "
                "fetch() and a reader."
            ),
        },
        {
            "name": "data-formats",
            "title": "data vs raw_data",
            "path": "/formats",
            "route": ["formats"],
            "notice": (
                'data is always JSON-encoded: the string hello goes out as "hello", quotes '
                "included, and a dict as json.dumps writes it. raw_data goes out as it is; a "
                "line break in it becomes a second data: line, which the client joins back "
                "with a newline."
            ),
        },
        {
            "name": "pings",
            "title": "Keep-alive pings on a quiet stream",
            "path": "/quiet",
            "route": ["short_pings", "quiet"],
            "max_chunks": 4,
            "notice": (
                "The generator sends one event and then waits forever; FastAPI fills the "
                "silence with ': ping' comments so proxies keep the connection open. The "
                "interval is 15 s, a private module constant; this demo lowers it to 0.5 s "
                "while the route streams (for the whole process: there is no per-route "
                "setting). The client hangs up after four chunks."
            ),
        },
        {
            "name": "legacy",
            "title": "Hand-written data: lines in a StreamingResponse",
            "path": "/legacy",
            "route": ["legacy"],
            "legacy": True,
            "notice": (
                "It works, but everything is yours to get right: no cache-control or "
                "x-accel-buffering header, no pings, and a line break in the text ends the "
                "data: line, so the client loses 'second line'. Compare the data-formats "
                "example."
            ),
        },
    ],
}

app = FastAPI(title="Server-Sent Events")


class Job(BaseModel):
    job: int
    state: str


@app.get("/jobs", response_class=EventSourceResponse)
async def jobs() -> AsyncIterable[Job | ServerSentEvent]:
    yield ServerSentEvent(comment="job stream opened", retry=5000)
    queued = Job(job=7, state="queued")
    yield ServerSentEvent(event="queued", id="1", data=queued)
    await asyncio.sleep(0.1)
    running = Job(job=7, state="running")
    yield ServerSentEvent(event="running", id="2", data=running)
    await asyncio.sleep(0.1)
    yield Job(job=7, state="done")  # a plain item: data only, no event or id


@app.get("/feed", response_class=EventSourceResponse)
async def feed(
    last_event_id: int | None = Header(default=None),
) -> AsyncIterable[ServerSentEvent]:
    start = 1 if last_event_id is None else last_event_id + 1
    for n in range(start, 6):
        yield ServerSentEvent(id=str(n), data={"news": n})


class Prompt(BaseModel):
    prompt: str
    max_words: int = 10


@app.post("/chat", response_class=EventSourceResponse)
async def chat(body: Prompt) -> AsyncIterable[ServerSentEvent]:
    answer = "Sunlight scatters off air molecules, blue the most."
    words = answer.split()[: body.max_words]
    for word in words:
        yield ServerSentEvent(event="token", raw_data=word)
        await asyncio.sleep(0.05)
    summary = {"prompt": body.prompt, "words": len(words)}
    yield ServerSentEvent(event="done", data=summary)


@app.get("/formats", response_class=EventSourceResponse)
async def formats() -> AsyncIterable[ServerSentEvent]:
    yield ServerSentEvent(data="hello")
    yield ServerSentEvent(raw_data="hello")
    yield ServerSentEvent(data={"price": 9.5, "tags": ["a", "b"]})
    yield ServerSentEvent(raw_data="first line\nsecond line")


_saved_interval = 15.0
_ping_users = 0  # requests currently streaming with the short interval


async def short_pings():
    """Lower FastAPI's keep-alive interval while this route streams.

    FastAPI reads the private fastapi.routing._PING_INTERVAL (15 s) for every
    wait; patching fastapi.sse._PING_INTERVAL would do nothing, because routing
    imported the value by name. It is one value for the whole process, so the
    first request in saves it and the last one out restores it. Only a demo
    should do this.
    """
    global _ping_users, _saved_interval
    if _ping_users == 0:
        _saved_interval = fastapi.routing._PING_INTERVAL
        fastapi.routing._PING_INTERVAL = 0.5
    _ping_users += 1
    try:
        yield
    finally:
        _ping_users -= 1
        if _ping_users == 0:
            fastapi.routing._PING_INTERVAL = _saved_interval


@app.get(
    "/quiet",
    response_class=EventSourceResponse,
    dependencies=[Depends(short_pings)],
)
async def quiet() -> AsyncIterable[ServerSentEvent]:
    yield ServerSentEvent(event="subscribed", data={"channel": "alerts"})
    await asyncio.Event().wait()  # nothing more to say, ever


@app.get("/legacy")
async def legacy() -> StreamingResponse:
    async def lines():
        yield "event: note\ndata: hello\n\n"
        await asyncio.sleep(0.05)
        text = "first line\nsecond line"
        yield f"data: {text}\n\n"  # the line break cuts the data: line in two

    return StreamingResponse(lines(), media_type="text/event-stream")
