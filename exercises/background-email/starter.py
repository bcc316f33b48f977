import asyncio
import logging

from fastapi import FastAPI

app = FastAPI()
log = logging.getLogger(__name__)


async def send_welcome(email: str) -> None:
    await asyncio.sleep(0.3)  # talking to a mail server
    log.info("welcome email sent to %s", email)


# TODO: the client waits for the mail server before it gets its 202. Answer at
# once, and send the welcome email after the response has gone out.
@app.post("/signup", status_code=202)
async def signup(email: str) -> dict:
    await send_welcome(email)
    return {"email": email, "status": "accepted"}
