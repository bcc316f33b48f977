import asyncio
from collections.abc import AsyncIterator

from fastapi import FastAPI, Response

app = FastAPI()


async def fetch_pages() -> AsyncIterator[str]:
    """CSV rows as a database cursor hands them over: one page at a time."""
    for page in range(8):
        await asyncio.sleep(0.1)  # waiting for the database
        first = page * 100 + 1
        yield "".join(f"{i},User{i},{i * 1.5}\n" for i in range(first, first + 100))


# TODO: the export waits until every page is fetched, then sends one big body.
# Stream it: send the header line at once and each page as soon as it arrives,
# still as text/csv saved as users.csv.
@app.get("/export/users.csv")
async def export_users() -> Response:
    pages = [page async for page in fetch_pages()]
    return Response(
        "id,name,score\n" + "".join(pages),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="users.csv"'},
    )
