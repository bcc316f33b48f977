import asyncio
import logging

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.background import BackgroundTask

app = FastAPI()
log = logging.getLogger("shop.mail")


async def send_welcome(email: str) -> None:
    await asyncio.sleep(0.3)
    log.info("welcome email sent to %s", email)


# A returned response can carry its own background task.
@app.post("/signup")
async def signup(email: str) -> JSONResponse:
    return JSONResponse(
        {"email": email, "status": "accepted"},
        status_code=202,
        background=BackgroundTask(send_welcome, email),
    )
