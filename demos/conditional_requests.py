"""Conditional requests: 304 Not Modified from StaticFiles, 200 from FileResponse, If-Range.

Run alone: uvicorn demos.conditional_requests:app
"""

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

META = {
    "title": "Conditional requests",
    "summary": (
        "A client that kept a copy can ask whether it changed: If-None-Match with the etag "
        "it got, or If-Modified-Since with the last-modified date. Both validators come "
        "from os.stat: the etag is an md5 of the modification time and size, last-modified "
        "the modification time. StaticFiles answers such a request with 304 Not Modified "
        "and no body when the copy is current; FileResponse sets the same headers but "
        "ignores the question and always sends 200 with the whole file. If-Range is "
        "different: it makes a Range request conditional, and FileResponse honours it."
    ),
    "topic": "conditional-requests",
    "quizzes": ["conditional-requests", "files"],
    "examples": [
        {
            "name": "validators",
            "title": "The validators StaticFiles sends",
            "path": "/static/guide.txt",
            "route": ["static"],
            "notice": (
                "etag and last-modified come from os.stat, not from the bytes: the etag is "
                "an md5 of 'mtime-size'. A client stores them with its copy and sends them "
                "back next time."
            ),
        },
        {
            "name": "static-any-etag",
            "title": "StaticFiles with If-None-Match: *",
            "path": "/static/guide.txt",
            "headers": {"if-none-match": "*"},
            "route": ["static"],
            "notice": (
                "'*' matches any current version, so StaticFiles answers 304 Not Modified. "
                "The head keeps the etag but drops content-type, content-length and "
                "last-modified, and no body follows: the client reuses its copy."
            ),
        },
        {
            "name": "static-since",
            "title": "StaticFiles with If-Modified-Since in the future",
            "path": "/static/guide.txt",
            "headers": {"if-modified-since": "Fri, 01 Jan 2100 00:00:00 GMT"},
            "route": ["static"],
            "notice": (
                "The file was last modified before that date, so it has not changed since: "
                "304 again. An older date would get the full 200."
            ),
        },
        {
            "name": "static-etag-wins",
            "title": "If-None-Match is asked first",
            "path": "/static/guide.txt",
            "headers": {
                "if-none-match": '"an-old-tag"',
                "if-modified-since": "Fri, 01 Jan 2100 00:00:00 GMT",
            },
            "route": ["static"],
            "notice": (
                "The date alone would give 304, but when If-None-Match is present it decides "
                "alone, and this tag does not match: 200 with the whole file."
            ),
        },
        {
            "name": "file-response-ignores",
            "title": "FileResponse with If-None-Match: *",
            "path": "/guide",
            "headers": {"if-none-match": "*"},
            "route": ["guide"],
            "notice": (
                "The same file and the same question, through a FileResponse route: 200 and "
                "the whole body, with the same kind of etag. FileResponse never answers 304; "
                "a route that wants to must compare the tags itself."
            ),
        },
        {
            "name": "if-range-match",
            "title": "Range with an If-Range that matches: 206",
            "path": "/versioned",
            "headers": {"range": "bytes=0-11", "if-range": '"guide-v1"'},
            "route": ["versioned"],
            "notice": (
                "If-Range says 'send the part only if the file is still this version'. The "
                'route sets etag "guide-v1" and the tag matches, so the answer is 206 with '
                "bytes 0-11."
            ),
        },
        {
            "name": "if-range-stale",
            "title": "Range with an If-Range that does not match: 200",
            "path": "/versioned",
            "headers": {"range": "bytes=0-11", "if-range": '"guide-v0"'},
            "route": ["versioned"],
            "notice": (
                "The client's part would belong to an older version, so FileResponse ignores "
                "the Range and sends the whole file with 200: a part of a changed file "
                "would corrupt the client's copy."
            ),
        },
    ],
}

app = FastAPI(title="Conditional requests")

DATA = Path(__file__).parent / "_data" / "conditional_requests"

static = StaticFiles(directory=DATA)
app.mount("/static", static)


@app.get("/guide")
def guide() -> FileResponse:
    return FileResponse(DATA / "guide.txt")


@app.get("/versioned")
def versioned() -> FileResponse:
    # An etag you choose is kept; If-Range is compared with it.
    return FileResponse(DATA / "guide.txt", headers={"etag": '"guide-v1"'})
