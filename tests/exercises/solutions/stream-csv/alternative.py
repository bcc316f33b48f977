import asyncio
from collections.abc import AsyncIterator

from fastapi import Depends, FastAPI, Response
from fastapi.responses import StreamingResponse

app = FastAPI()


class CSVStream(StreamingResponse):
    media_type = "text/csv"


async def fetch_pages() -> AsyncIterator[str]:
    for page in range(8):
        await asyncio.sleep(0.1)
        first = page * 100 + 1
        yield "".join(f"{i},User{i},{i * 1.5}\n" for i in range(first, first + 100))


# Runs before the stream starts; a header set inside the generator would be
# too late, as the head has already gone out.
def as_download(response: Response) -> None:
    response.headers["Content-Disposition"] = "attachment; filename=users.csv"


# A path operation that yields, with a streaming response class: FastAPI
# streams what it yields and copies the injected Response's headers.
@app.get("/export/users.csv", response_class=CSVStream, dependencies=[Depends(as_download)])
async def export_users() -> AsyncIterator[str]:
    yield "id,name,score\n"
    async for page in fetch_pages():
        yield page
