"""HTML responses: response_class=HTMLResponse, a direct HTMLResponse, and a Jinja2 template.

Run alone: uvicorn demos.html:app
"""

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

META = {
    "title": "HTML responses",
    "summary": (
        "FastAPI assumes JSON, so HTML needs saying: declare response_class=HTMLResponse and "
        "return a string, return an HTMLResponse yourself when you also need a status or "
        "headers, or render a Jinja2 template with Jinja2Templates. All three send "
        "text/html; charset=utf-8. Forget the response class and the same string goes out "
        "as a JSON string."
    ),
    "topic": "response-classes",
    "quizzes": ["response-classes"],
    "examples": [
        {
            "name": "response-class",
            "title": "response_class=HTMLResponse, return a str",
            "path": "/",
            "route": ["home"],
            "notice": (
                "The handler returns a plain str; response_class=HTMLResponse sends it "
                "unchanged as text/html; charset=utf-8 (and documents text/html in OpenAPI)."
            ),
        },
        {
            "name": "str-as-json",
            "title": "The same str without a response class",
            "path": "/no-class",
            "route": ["no_class"],
            "notice": (
                "Without response_class the str is JSON-encoded: application/json, and the "
                "markup arrives inside double quotes, a JSON string rather than a page."
            ),
        },
        {
            "name": "maintenance",
            "title": "An HTMLResponse returned with status 503",
            "path": "/maintenance",
            "route": ["maintenance"],
            "notice": (
                "Returning the response object lets you choose status 503 and add a "
                "retry-after header beside the HTML; FastAPI sends it exactly as built."
            ),
        },
        {
            "name": "template",
            "title": "A Jinja2 template",
            "path": "/hello?name=Ada",
            "route": ["hello"],
            "notice": (
                "TemplateResponse(request, name, context) renders _data/html/hello.html; the "
                "request is added to the context for you, so the template can read "
                "request.url.path."
            ),
        },
        {
            "name": "template-escape",
            "title": "Templates escape what you pass in",
            "path": "/hello?name=<script>alert(1)</script>",
            "route": ["hello"],
            "notice": (
                "Jinja2Templates turns on autoescaping for .html files: the script tag "
                "arrives as &lt;script&gt;, text on the page instead of code that runs."
            ),
        },
    ],
}

app = FastAPI(title="HTML responses")

templates = Jinja2Templates(directory=Path(__file__).parent / "_data" / "html")

PAGE = "<h1>Orders</h1><p>3 open</p>"


@app.get("/", response_class=HTMLResponse)
def home() -> str:
    return PAGE


@app.get("/no-class")
def no_class() -> str:
    return PAGE


@app.get("/maintenance")
def maintenance() -> HTMLResponse:
    return HTMLResponse(
        "<h1>Back soon</h1><p>We are upgrading the database.</p>",
        status_code=503,
        headers={"retry-after": "120"},
    )


@app.get("/hello", response_class=HTMLResponse)
def hello(request: Request, name: str = "world"):
    return templates.TemplateResponse(request, "hello.html", {"name": name})
