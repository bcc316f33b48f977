"""Response classes: what each one puts in content-type, and how to write your own.

Run alone: uvicorn demos.response_classes:app
"""

import asyncio
import json
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)

META = {
    "title": "Response classes",
    "summary": (
        "Every response class is a Response with a different media_type and a different "
        "render(). Starlette adds '; charset=utf-8' to any text/* media type and to nothing "
        "else, so JSON and XML go out without a charset. A class that knows its body up front "
        "sends a content-length; a stream cannot. Writing your own class is a subclass that "
        "sets media_type, render, or both."
    ),
    "topic": "response-classes",
    "quizzes": ["response-classes"],
    "examples": [
        {
            "name": "json",
            "title": "JSONResponse",
            "path": "/json",
            "route": ["as_json"],
            "notice": (
                "content-type is application/json with no charset: JSON is UTF-8 by "
                "definition. The é is written as UTF-8 bytes, not as a \\u00e9 escape."
            ),
        },
        {
            "name": "html",
            "title": "HTMLResponse",
            "path": "/html",
            "route": ["as_html"],
            "notice": (
                "HTMLResponse only changes media_type to text/html; because it is text/*, "
                "Starlette appends '; charset=utf-8'."
            ),
        },
        {
            "name": "text",
            "title": "PlainTextResponse",
            "path": "/text",
            "route": ["as_text"],
            "notice": (
                "text/plain; charset=utf-8. content-length counts bytes, not characters: "
                "'café' is 4 characters but 5 bytes."
            ),
        },
        {
            "name": "response",
            "title": "Response with a media_type",
            "path": "/markdown",
            "route": ["as_markdown"],
            "notice": (
                "The base class has no media type of its own: it sends what you pass. "
                "text/markdown is text/*, so the charset is appended here too."
            ),
        },
        {
            "name": "redirect",
            "title": "RedirectResponse",
            "path": "/redirect",
            "route": ["as_redirect"],
            "notice": (
                "307 by default, a location header and an empty body: content-length: 0 "
                "and no content-type at all, since a redirect has no media type."
            ),
        },
        {
            "name": "stream",
            "title": "StreamingResponse",
            "path": "/stream",
            "route": ["as_stream"],
            "notice": (
                "Same content-type rule (text/plain gets the charset), but no content-length: "
                "the body is sent with transfer-encoding: chunked, one chunk per yield."
            ),
        },
        {
            "name": "file",
            "title": "FileResponse",
            "path": "/file",
            "route": ["as_file"],
            "notice": (
                "No media_type given: FileResponse guesses text/plain from the .txt name, and "
                "adds content-length, last-modified, etag and accept-ranges: bytes from the "
                "file on disk."
            ),
        },
        {
            "name": "xml",
            "title": "A custom class: XMLResponse",
            "path": "/xml",
            "route": ["XMLResponse", "as_xml"],
            "notice": (
                "A subclass that only sets media_type = 'application/xml'. Not text/*, so "
                "no charset is added: the encoding is declared inside the document."
            ),
        },
        {
            "name": "pretty",
            "title": "A custom render(): indented JSON",
            "path": "/pretty",
            "route": ["PrettyJSONResponse", "as_pretty"],
            "notice": (
                "Overriding render() changes the bytes, not the head: still application/json, "
                "but indented over several lines. As response_class, it renders what the "
                "handler returns."
            ),
        },
    ],
}

app = FastAPI(title="Response classes")

DATA = Path(__file__).parent / "_data" / "response_classes"


@app.get("/json")
def as_json() -> JSONResponse:
    return JSONResponse({"class": "JSONResponse", "word": "café"})


@app.get("/html")
def as_html() -> HTMLResponse:
    return HTMLResponse("<p>Hello from <b>HTMLResponse</b></p>")


@app.get("/text")
def as_text() -> PlainTextResponse:
    return PlainTextResponse("café")


@app.get("/markdown")
def as_markdown() -> Response:
    return Response(
        "# Notes\n\n- made with Response\n",
        media_type="text/markdown",
    )


@app.get("/redirect")
def as_redirect() -> RedirectResponse:
    return RedirectResponse("/text")


@app.get("/stream")
async def as_stream() -> StreamingResponse:
    async def parts():
        for part in ("one\n", "two\n", "three\n"):
            yield part
            await asyncio.sleep(0.05)

    return StreamingResponse(parts(), media_type="text/plain")


@app.get("/file")
def as_file() -> FileResponse:
    return FileResponse(DATA / "notes.txt")


class XMLResponse(Response):
    media_type = "application/xml"


@app.get("/xml")
def as_xml() -> XMLResponse:
    xml = '<?xml version="1.0" encoding="UTF-8"?>\n<note>café</note>\n'
    return XMLResponse(xml)


class PrettyJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, indent=2).encode("utf-8")


@app.get("/pretty", response_class=PrettyJSONResponse)
def as_pretty():
    return {"class": "PrettyJSONResponse", "tags": ["render", "indent"]}
