"""Status codes: 201 and 202 with a body, 204, 205 and 304 without one.

Run alone: uvicorn demos.status_codes:app
"""

from typing import Annotated

from fastapi import FastAPI, Header, Response
from pydantic import BaseModel

META = {
    "title": "Status codes",
    "summary": (
        "status_code= on the decorator sets the status FastAPI uses when it builds the "
        "response from your return value; the body is still what you return. Some statuses "
        "may not carry a body: FastAPI treats 1xx, 204 No Content, 205 Reset Content and 304 "
        "Not Modified as bodiless and empties the body it serialises. For 1xx, 204 and 304 "
        "Starlette also writes no content-length, so uvicorn sends neither content-length nor "
        "transfer-encoding and the response ends with its head. 205 is the trap: Starlette "
        "still announces the length of the body FastAPI dropped, and the response breaks."
    ),
    "topic": "status-codes",
    "quizzes": ["status-codes"],
    "examples": [
        {
            "name": "created",
            "title": "201 Created from status_code=201",
            "method": "POST",
            "path": "/items",
            "json": {"name": "lamp"},
            "route": ["Item", "create_item"],
            "notice": (
                "The decorator's status_code=201 replaces the default 200; the returned model "
                "is still serialised as the JSON body, with its content-length."
            ),
        },
        {
            "name": "accepted",
            "title": "202 Accepted: queued, not done",
            "method": "POST",
            "path": "/reports",
            "route": ["start_report"],
            "notice": (
                "202 says the work was accepted but has not happened yet; the body is the place "
                "to tell the client where to look later."
            ),
        },
        {
            "name": "no-content",
            "title": "status_code=204 while the function returns a dict",
            "method": "DELETE",
            "path": "/items/7",
            "route": ["delete_item"],
            "notice": (
                "The returned dict is thrown away: an empty body, no content-length, yet a "
                "content-type: application/json describing nothing. Annotate it -> dict and "
                "FastAPI refuses to start: 'Status code 204 must not have a response body'."
            ),
        },
        {
            "name": "no-content-response",
            "title": "Returning Response(status_code=204)",
            "method": "DELETE",
            "path": "/notes/7",
            "route": ["delete_note"],
            "notice": (
                "A bare Response has no media type, so this 204 carries neither content-type "
                "nor content-length: only date and server remain in the head."
            ),
        },
        {
            "name": "reset-content",
            "title": "status_code=205 while the function returns a dict: a broken response",
            "method": "POST",
            "path": "/forms/reset",
            "route": ["reset_form"],
            "notice": (
                "FastAPI empties the body for 205 as it does for 204, but Starlette had "
                "already written content-length: 14 for the dict. No body follows: the "
                "client sees the connection close after 0 of 14 bytes, and uvicorn logs "
                "h11's LocalProtocolError. The 205 never completes."
            ),
        },
        {
            "name": "reset-content-response",
            "title": "Returning Response(status_code=205): the working way",
            "method": "POST",
            "path": "/forms/clear",
            "route": ["clear_form"],
            "notice": (
                "A bare Response has an empty body, and Starlette writes content-length: 0 "
                "for a 205 (it leaves the header out only for 1xx, 204 and 304). The head "
                "matches the empty body, so the response is complete."
            ),
        },
        {
            "name": "stale-etag",
            "title": "A conditional GET with an old etag: 200",
            "path": "/doc",
            "headers": {"if-none-match": '"v2"'},
            "route": ["get_doc"],
            "notice": (
                'The client holds version "v2" but the document is at "v3", so the route sends '
                "the full body with the new etag."
            ),
        },
        {
            "name": "not-modified",
            "title": "A conditional GET with the current etag: 304",
            "path": "/doc",
            "headers": {"if-none-match": '"v3"'},
            "route": ["get_doc"],
            "notice": (
                "The tag matches, so the route answers 304 Not Modified: etag and cache-control "
                "come back, but no body, content-length or content-type. The client reuses the "
                "copy it already has."
            ),
        },
    ],
}

app = FastAPI(title="Status codes")


class Item(BaseModel):
    name: str


@app.post("/items", status_code=201)
def create_item(item: Item) -> Item:
    return item


@app.post("/reports", status_code=202)
def start_report() -> dict:
    return {"report": 12, "status": "queued", "poll": "/reports/12"}


@app.delete("/items/{item_id}", status_code=204)
def delete_item(item_id: int):  # no return annotation: see the notice
    return {"deleted": item_id}


@app.delete("/notes/{note_id}")
def delete_note(note_id: int) -> Response:
    return Response(status_code=204)


@app.post("/forms/reset", status_code=205)
def reset_form():  # -> dict would fail at start-up, as for 204
    return {"reset": True}


@app.post("/forms/clear")
def clear_form() -> Response:
    return Response(status_code=205)


DOC_ETAG = '"v3"'
DOC = b'{"title": "Status codes", "version": 3}'


@app.get("/doc")
def get_doc(if_none_match: Annotated[str | None, Header()] = None) -> Response:
    headers = {"etag": DOC_ETAG, "cache-control": "max-age=60"}
    client_tags = [t.strip() for t in (if_none_match or "").split(",")]
    if DOC_ETAG in client_tags:
        return Response(status_code=304, headers=headers)
    return Response(DOC, headers=headers, media_type="application/json")
