import asyncio

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI()


async def generate(prompt: str) -> list[str]:
    """Pretend to be a language model: one word every 0.1 s."""
    words = []
    for word in f"This is a streamed response for: {prompt}".split():
        await asyncio.sleep(0.1)
        words.append(word + " ")
    return words


# TODO: the client waits for the whole text and gets it in one piece. Send each word as
# soon as it is generated, as a stream of text/plain chunks.
@app.get("/tokens", response_class=PlainTextResponse)
async def tokens(prompt: str) -> str:
    return "".join(await generate(prompt))
