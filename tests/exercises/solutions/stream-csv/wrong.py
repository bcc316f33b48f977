import asyncio
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()


async def fetch_pages() -> AsyncIterator[str]:
    for page in range(8):
        await asyncio.sleep(0.1)
        first = page * 100 + 1
        yield "".join(f"{i},User{i},{i * 1.5}\n" for i in range(first, first + 100))


# A StreamingResponse, but of a body that was finished before it started.
@app.get("/export/users.csv")
async def export_users() -> StreamingResponse:
    pages = [page async for page in fetch_pages()]
    body = "id,name,score\n" + "".join(pages)
    return StreamingResponse(
        iter([body]),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="users.csv"'},
    )
