import asyncio

from fastapi import FastAPI

app = FastAPI()


@app.get("/work")
async def work() -> dict:
    await asyncio.sleep(0.1)  # the slow part
    return {"done": True}


@app.get("/health")
def health() -> dict:
    return {"status": "ok"}


# TODO: operators want an X-Process-Time header on every answer of this app:
# how long the app took, in seconds, for every route, errors and unknown
# paths included. Add it in one place, not in each route.
