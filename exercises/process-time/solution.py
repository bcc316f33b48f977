import asyncio
import time
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

app = FastAPI()


# An HTTP middleware wraps every request of the app, 404s included: call_next
# runs the rest of the app and hands back its response, whose headers we add to.
@app.middleware("http")
async def add_process_time(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    start = time.perf_counter()
    response = await call_next(request)
    response.headers["X-Process-Time"] = f"{time.perf_counter() - start:.4f}"
    return response


@app.get("/work")
async def work() -> dict:
    await asyncio.sleep(0.1)  # the slow part
    return {"done": True}


@app.get("/health")
def health() -> dict:
    return {"status": "ok"}
