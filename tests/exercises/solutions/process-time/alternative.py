import asyncio
import time

from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class ProcessTime:
    """A pure ASGI middleware: adds the header as the response head goes out."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        start = time.perf_counter()

        async def send_with_time(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["x-process-time"] = f"{time.perf_counter() - start:.4f}"
            await send(message)

        await self.app(scope, receive, send_with_time)


app = FastAPI()
app.add_middleware(ProcessTime)


@app.get("/work")
async def work() -> dict[str, bool]:
    await asyncio.sleep(0.1)
    return {"done": True}


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
