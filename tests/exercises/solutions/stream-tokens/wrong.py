# Plausible but wrong: a StreamingResponse, but every word is made before the response
# starts, so the "stream" arrives all at once.
import asyncio

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()


async def generate(prompt: str) -> list[str]:
    words = []
    for word in f"This is a streamed response for: {prompt}".split():
        await asyncio.sleep(0.1)
        words.append(word + " ")
    return words


@app.get("/tokens")
async def tokens(prompt: str) -> StreamingResponse:
    return StreamingResponse(iter(await generate(prompt)), media_type="text/plain")
