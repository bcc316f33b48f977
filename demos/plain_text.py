"""Plain text and CSV: health probes, a download, and how charset and bytes go together.

Run alone: uvicorn demos.plain_text:app
"""

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse, Response

META = {
    "title": "Plain text and CSV",
    "summary": (
        "Text responses are str encoded to bytes, and the charset in content-type tells the "
        "client how to decode them. Starlette encodes a str with the class's charset (utf-8 "
        "unless you change it) and, for text/* types, writes that same name into the header. "
        "Probes want a tiny text "
        "body and a meaningful status; a CSV export wants content-disposition so the browser "
        "saves a file."
    ),
    "topic": "response-classes",
    "quizzes": ["response-classes"],
    "examples": [
        {
            "name": "health",
            "title": "A liveness probe",
            "path": "/health",
            "route": ["health"],
            "notice": (
                "response_class=PlainTextResponse sends the returned str as it is, with no "
                "JSON quotes: the two bytes ok, as text/plain; charset=utf-8."
            ),
        },
        {
            "name": "ready",
            "title": "A readiness probe that is not ready",
            "path": "/ready",
            "route": ["ready"],
            "notice": (
                "Probes judge the status code, not the words: 503 says 'not yet', and the "
                "short text body is only there for the human reading the logs."
            ),
        },
        {
            "name": "csv",
            "title": "A CSV download",
            "path": "/report.csv",
            "route": ["report_csv"],
            "notice": (
                'content-disposition: attachment; filename="report.csv" makes a browser save '
                "the body instead of showing it. text/csv is text/*, so charset=utf-8 is "
                "added, and Zoë and München arrive as UTF-8 bytes."
            ),
        },
        {
            "name": "utf8",
            "title": "Non-ASCII text in UTF-8",
            "path": "/greeting",
            "route": ["greeting"],
            "notice": (
                "'Grüße aus Köln' is 14 characters but 17 bytes: content-length counts the "
                "UTF-8 bytes, where ü, ß and ö take two each."
            ),
        },
        {
            "name": "latin1",
            "title": "The same text with charset = 'latin-1'",
            "path": "/greeting/latin-1",
            "route": ["Latin1Text", "greeting_latin1"],
            "notice": (
                "One class attribute changes both the header (charset=latin-1) and the bytes: "
                "each of ü, ß and ö is now a single byte, 14 in all. A client that trusts "
                "the header decodes either one correctly."
            ),
        },
    ],
}

app = FastAPI(title="Plain text and CSV")


@app.get("/health", response_class=PlainTextResponse)
def health() -> str:
    return "ok"


@app.get("/ready")
def ready() -> PlainTextResponse:
    return PlainTextResponse(
        "starting: cache is still warming up",
        status_code=503,
    )


@app.get("/report.csv")
def report_csv() -> Response:
    rows = [
        ("id", "name", "city"),
        ("1", "Zoë", "München"),
        ("2", "Amir", "Oslo"),
    ]
    text = "".join(",".join(row) + "\n" for row in rows)
    return Response(
        text,
        media_type="text/csv",
        headers={"content-disposition": 'attachment; filename="report.csv"'},
    )


GREETING = "Grüße aus Köln"


@app.get("/greeting", response_class=PlainTextResponse)
def greeting() -> str:
    return GREETING


class Latin1Text(PlainTextResponse):
    charset = "latin-1"


@app.get("/greeting/latin-1", response_class=Latin1Text)
def greeting_latin1() -> str:
    return GREETING
