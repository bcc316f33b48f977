"""JSON Lines: a path operation that yields, streamed one JSON object per line.

Run alone: uvicorn demos.json_lines:app
"""

import asyncio
import time
from collections.abc import AsyncIterable, Iterator

from fastapi import FastAPI
from pydantic import BaseModel

META = {
    "title": "JSON Lines",
    "summary": (
        "A path operation that yields, with no response class, streams application/jsonl: "
        "each yielded item becomes one line of JSON, sent as soon as it exists. The return "
        "annotation (AsyncIterable[User], Iterator[User]) is applied to every item: it is "
        "validated, filtered and serialised by Pydantic. Because the 200 head goes out "
        "before the first item, an item that fails validation cannot turn into an error "
        "status: the server cuts the stream off instead. All this needs the route's response "
        "class left at FastAPI's untouched default: under "
        "FastAPI(default_response_class=JSONResponse) a yielding route answers 500."
    ),
    "topic": "streaming",
    "quizzes": ["streaming", "response-models"],
    "examples": [
        {
            "name": "items",
            "title": "Yield with AsyncIterable[User]",
            "path": "/users.jsonl",
            "route": ["User", "users"],
            "notice": (
                "content-type is application/jsonl and there is no content-length: each "
                "user is one line, one chunk, arriving about 100 ms after the previous one."
            ),
        },
        {
            "name": "filtered",
            "title": "Every item goes through the annotation",
            "path": "/accounts.jsonl",
            "route": ["User", "UserInDB", "accounts"],
            "notice": (
                "The generator yields a UserInDB and a dict, both with a password_hash, "
                "and a dict whose id is the string '3'. Each line holds only User's fields, "
                "and '3' arrives as the number 3."
            ),
        },
        {
            "name": "unchecked",
            "title": "The same items with no annotation",
            "path": "/raw.jsonl",
            "route": ["UserInDB", "raw_accounts"],
            "notice": (
                "Still application/jsonl, but nothing checks the items: password_hash goes "
                "out, the '3' stays a string, and json.dumps writes the lines with spaces "
                "after ':' and ','."
            ),
        },
        {
            "name": "broken",
            "title": "An item that fails validation mid-stream",
            "path": "/broken.jsonl",
            "route": ["User", "broken"],
            "notice": (
                "Status 200 and two good lines, then the third item fails User and the server "
                "closes the connection without the final empty chunk: the client reports an "
                "incomplete chunked read. The reason is only in the server log."
            ),
        },
        {
            "name": "sync",
            "title": "A plain def generator",
            "path": "/sync.jsonl",
            "route": ["User", "users_sync"],
            "notice": (
                "Iterator[User] on a plain def works the same way. The generator runs in a "
                "worker thread, so its time.sleep paces the lines without blocking the "
                "event loop."
            ),
        },
    ],
}

app = FastAPI(title="JSON Lines")


class User(BaseModel):
    id: int
    name: str


class UserInDB(User):
    password_hash: str


@app.get("/users.jsonl")
async def users() -> AsyncIterable[User]:
    for i, name in enumerate(["ada", "grace", "linus"], start=1):
        yield User(id=i, name=name)
        await asyncio.sleep(0.1)


@app.get("/accounts.jsonl")
async def accounts() -> AsyncIterable[User]:
    yield UserInDB(id=1, name="ada", password_hash="$2b$12$ab")
    yield {"id": 2, "name": "grace", "password_hash": "$2b$12$cd"}
    yield {"id": "3", "name": "linus"}


@app.get("/raw.jsonl")
async def raw_accounts():
    yield UserInDB(id=1, name="ada", password_hash="$2b$12$ab")
    yield {"id": 2, "name": "grace", "password_hash": "$2b$12$cd"}
    yield {"id": "3", "name": "linus"}


@app.get("/broken.jsonl")
async def broken() -> AsyncIterable[User]:
    yield {"id": 1, "name": "ada"}
    yield {"id": 2, "name": "grace"}
    await asyncio.sleep(0.1)
    yield {"id": "three", "name": "linus"}  # not an int: fails User
    yield {"id": 4, "name": "never sent"}


@app.get("/sync.jsonl")
def users_sync() -> Iterator[User]:
    for i, name in enumerate(["ada", "grace", "linus"], start=1):
        time.sleep(0.1)
        yield User(id=i, name=name)
