# Another style: a plain (sync) generator with time.sleep; Starlette runs it in a thread,
# so the event loop is not blocked, and each word is still its own chunk.
import time

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()


def words(prompt: str):
    for word in f"This is a streamed response for: {prompt}".split(" "):
        time.sleep(0.08)
        yield f"{word} ".encode()


@app.get("/tokens", response_class=StreamingResponse)
def tokens(prompt: str):
    return StreamingResponse(words(prompt), media_type="text/plain; charset=utf-8")
