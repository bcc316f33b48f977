"""HEAD and OPTIONS: what FastAPI answers for them, and what CORSMiddleware adds.

Run alone: uvicorn demos.head_options:app
"""

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from pydantic import BaseModel

META = {
    "title": "HEAD, OPTIONS and CORS preflight",
    "summary": (
        "A FastAPI route answers exactly the methods it was declared with: @app.get means GET "
        "only, so HEAD and OPTIONS get 405 Method Not Allowed unless you ask for them. HEAD is "
        "one api_route(methods=[...]) away. OPTIONS usually matters for CORS: a browser sends a "
        "preflight before a cross-origin PUT or a request with custom headers, and "
        "CORSMiddleware answers that preflight itself, before any route is looked up. The "
        "middleware wraps the whole app, which is why every answer here carries vary: Origin."
    ),
    "topic": "http-methods",
    "quizzes": ["http-methods", "cors"],
    "examples": [
        {
            "name": "head-on-get",
            "title": "HEAD on a GET route",
            "method": "HEAD",
            "path": "/article",
            "route": ["read_article"],
            "notice": (
                "@app.get registers GET alone, so HEAD gets 405 with allow: GET. The head says "
                "content-length: 31, the size of the error JSON, but no body follows: a response "
                "to HEAD never has one."
            ),
        },
        {
            "name": "head-allowed",
            "title": "HEAD allowed with api_route",
            "method": "HEAD",
            "path": "/health",
            "route": ["health"],
            "notice": (
                'methods=["GET", "HEAD"] runs the same function for HEAD: the answer is 200 '
                "with the content-type and content-length of the GET response, and an empty "
                "body. The server drops the body because the request was HEAD."
            ),
        },
        {
            "name": "options-plain",
            "title": "OPTIONS that is not a preflight",
            "method": "OPTIONS",
            "path": "/article",
            "route": ["read_article", "update_article"],
            "notice": (
                "Without Origin and Access-Control-Request-Method, CORSMiddleware lets OPTIONS "
                "through and the router answers 405. Its allow header says GET although PUT "
                "/article exists: FastAPI's router consults only the first route whose path "
                "matched."
            ),
        },
        {
            "name": "preflight",
            "title": "A CORS preflight for a PUT with a custom header",
            "method": "OPTIONS",
            "path": "/article",
            "headers": {
                "origin": "https://app.example",
                "access-control-request-method": "PUT",
                "access-control-request-headers": "x-token",
            },
            "route": ["add_cors", "update_article"],
            "notice": (
                "The middleware answers 200 with a plain-text OK and the access-control-allow-* "
                "headers; no route ran. allow-headers is the sorted union of yours and the "
                "CORS-safelisted ones Starlette adds (x-token is last only because lower case "
                "sorts after capitals), and max-age lets the browser cache this answer."
            ),
        },
        {
            "name": "preflight-refused",
            "title": "A preflight from an origin that is not allowed",
            "method": "OPTIONS",
            "path": "/article",
            "headers": {
                "origin": "https://elsewhere.example",
                "access-control-request-method": "PUT",
            },
            "route": ["add_cors"],
            "notice": (
                "400 with the text 'Disallowed CORS origin' and no access-control-allow-origin "
                "header; the allow-methods and allow-headers lines are sent all the same."
            ),
        },
        {
            "name": "cross-origin-get",
            "title": "A simple cross-origin GET",
            "path": "/article",
            "headers": {"origin": "https://app.example"},
            "route": ["add_cors", "read_article"],
            "notice": (
                "No preflight for a plain GET: the route runs and the middleware adds "
                "access-control-allow-origin with the caller's origin, plus vary: Origin because "
                "the answer depends on who asks."
            ),
        },
    ],
}

app = FastAPI(title="HEAD, OPTIONS and CORS preflight")


def add_cors(app: FastAPI) -> None:
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["https://app.example"],
        allow_methods=["GET", "PUT"],
        allow_headers=["x-token"],
        max_age=600,
    )


add_cors(app)


class Article(BaseModel):
    title: str


@app.get("/article")
def read_article() -> Article:
    return Article(title="HEAD and OPTIONS")


@app.put("/article")
def update_article(article: Article) -> Article:
    return article


@app.api_route("/health", methods=["GET", "HEAD"])
def health() -> dict:
    return {"status": "ok"}
