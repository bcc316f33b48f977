import asyncio
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()


async def generate(prompt: str) -> AsyncIterator[str]:
    """Pretend to be a language model: one word every 0.1 s, each sent as it comes."""
    for word in f"This is a streamed response for: {prompt}".split():
        await asyncio.sleep(0.1)
        yield word + " "


# StreamingResponse sends each item the generator yields as its own chunk
# (transfer-encoding: chunked), so the client reads the words as they are made.
@app.get("/tokens")
async def tokens(prompt: str) -> StreamingResponse:
    return StreamingResponse(generate(prompt), media_type="text/plain")
