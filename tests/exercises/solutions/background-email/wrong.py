import asyncio
import logging

from fastapi import BackgroundTasks, FastAPI

app = FastAPI()
log = logging.getLogger(__name__)


async def send_welcome(email: str) -> None:
    await asyncio.sleep(0.3)
    log.info("welcome email sent to %s", email)


# A BackgroundTasks made by hand is attached to nothing: its task never runs.
@app.post("/signup", status_code=202)
async def signup(email: str) -> dict:
    tasks = BackgroundTasks()
    tasks.add_task(send_welcome, email)
    return {"email": email, "status": "accepted"}
