"""Redirects: the status code decides what the client sends on the next hop.

Run alone: uvicorn demos.redirects:app
"""

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

META = {
    "title": "Redirects",
    "summary": (
        "A redirect is a response with a 3xx status, a location header and an empty body; the "
        "client then sends a second request. Every hop is shown below. The status code is the "
        "whole difference: after a 303 (and, in httpx, after a 302 answering a POST) the "
        "next hop is a GET without the body, while 307 and 308 repeat the same method with the "
        "same body. RedirectResponse uses 307 unless you pass status_code."
    ),
    "topic": "redirects",
    "quizzes": ["redirects"],
    "examples": [
        {
            "name": "trailing-slash",
            "title": "A trailing slash no route has: the automatic 307",
            "path": "/landing/?from=menu",
            "follow_redirects": True,
            "route": ["landing"],
            "notice": (
                "There is a /landing route but no /landing/, so FastAPI's router answers 307 "
                "itself (redirect_slashes, on by default) before any route runs. The location "
                "is absolute, built from the Host header, and keeps the query; the client "
                "asks again there. FastAPI(redirect_slashes=False) would answer 404."
            ),
        },
        {
            "name": "default-307",
            "title": "RedirectResponse with no status code",
            "path": "/start",
            "follow_redirects": True,
            "route": ["start", "landing"],
            "notice": (
                "The first answer is 307 Temporary Redirect, the default, with location: "
                "/landing, content-length: 0 and no content-type. The second request is a new "
                "one, sent by the client to the location it was given."
            ),
        },
        {
            "name": "moved-301",
            "title": "301 Moved Permanently, as a response_class",
            "path": "/v1/docs",
            "follow_redirects": True,
            "route": ["old_docs", "new_docs"],
            "notice": (
                "With response_class=RedirectResponse the function just returns the target "
                "URL and status_code=301 marks the move as permanent. The GET stays a GET."
            ),
        },
        {
            "name": "see-other-303",
            "title": "Post/Redirect/Get: 303 after a POST",
            "method": "POST",
            "path": "/orders",
            "json": {"item": "tea", "qty": 2},
            "follow_redirects": True,
            "route": ["Order", "create_order", "show_order"],
            "notice": (
                "303 See Other tells the client to fetch the result with a GET: the second "
                "request carries no body and no content-length (httpx leaves the stale "
                "content-type behind). The order is posted once; the client ends on a GET of "
                "/orders/42."
            ),
        },
        {
            "name": "found-302",
            "title": "302 Found after a POST becomes a GET",
            "method": "POST",
            "path": "/legacy-form",
            "json": {"email": "ada@example.com"},
            "follow_redirects": True,
            "route": ["legacy_form", "echo"],
            "notice": (
                "302 only says 'look elsewhere', yet httpx turns a POST answered with 302 into "
                "a GET and drops the body: the echo shows GET and an empty body. Say what you "
                "mean with 303 (switch to GET) or 307 (keep the POST)."
            ),
        },
        {
            "name": "keep-post-307",
            "title": "307 keeps the method and the body",
            "method": "POST",
            "path": "/v1/upload",
            "json": {"name": "report.csv"},
            "follow_redirects": True,
            "route": ["upload_v1", "echo"],
            "notice": (
                "A 307 from RedirectResponse's default sends the POST again, body and all, to "
                "the new location: the echo behind it received the same JSON."
            ),
        },
        {
            "name": "permanent-308",
            "title": "308 Permanent Redirect keeps the POST too",
            "method": "POST",
            "path": "/v1/items",
            "json": {"name": "lamp"},
            "follow_redirects": True,
            "route": ["items_v1", "echo"],
            "notice": (
                "308 is the permanent twin of 307: the method and body are repeated. Use it "
                "instead of 301 when a moved API must keep receiving POSTs."
            ),
        },
    ],
}

app = FastAPI(title="Redirects")


@app.get("/start")
def start() -> RedirectResponse:
    return RedirectResponse("/landing")


@app.get("/landing")
def landing() -> dict:
    return {"page": "landing"}


@app.get("/v1/docs", response_class=RedirectResponse, status_code=301)
def old_docs() -> str:
    return "/v2/docs"


@app.get("/v2/docs")
def new_docs() -> dict:
    return {"page": "docs, version 2"}


class Order(BaseModel):
    item: str
    qty: int


@app.post("/orders")
def create_order(order: Order) -> RedirectResponse:
    order_id = 42  # stored somewhere, in a real app
    return RedirectResponse(f"/orders/{order_id}", status_code=303)


@app.get("/orders/{order_id}")
def show_order(order_id: int) -> dict:
    return {"order": order_id, "status": "received"}


@app.post("/legacy-form")
def legacy_form() -> RedirectResponse:
    return RedirectResponse("/echo", status_code=302)


@app.post("/v1/upload")
def upload_v1() -> RedirectResponse:
    return RedirectResponse("/echo")


@app.post("/v1/items")
def items_v1() -> RedirectResponse:
    return RedirectResponse("/echo", status_code=308)


@app.api_route("/echo", methods=["GET", "POST"])
async def echo(request: Request) -> dict:
    """Reports what the last hop really received."""
    return {"method": request.method, "body": (await request.body()).decode()}
