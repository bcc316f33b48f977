import asyncio
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()


async def fetch_pages() -> AsyncIterator[str]:
    """CSV rows as a database cursor hands them over: one page at a time."""
    for page in range(8):
        await asyncio.sleep(0.1)  # waiting for the database
        first = page * 100 + 1
        yield "".join(f"{i},User{i},{i * 1.5}\n" for i in range(first, first + 100))


async def csv_lines() -> AsyncIterator[str]:
    yield "id,name,score\n"
    async for page in fetch_pages():
        yield page


# StreamingResponse sends each yielded piece as a chunk as soon as it exists
# (no content-length: transfer-encoding is chunked), and never holds it all.
@app.get("/export/users.csv")
async def export_users() -> StreamingResponse:
    return StreamingResponse(
        csv_lines(),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="users.csv"'},
    )
