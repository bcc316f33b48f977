import asyncio
import logging

from fastapi import BackgroundTasks, FastAPI

app = FastAPI()
log = logging.getLogger(__name__)


async def send_welcome(email: str) -> None:
    await asyncio.sleep(0.3)  # talking to a mail server
    log.info("welcome email sent to %s", email)


# Tasks added to the injected BackgroundTasks run after the last byte of the
# response has been sent, in the same server process.
@app.post("/signup", status_code=202)
async def signup(email: str, tasks: BackgroundTasks) -> dict:
    tasks.add_task(send_welcome, email)
    return {"email": email, "status": "accepted"}
