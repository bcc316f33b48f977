"""Headers, status and cookies set on an injected Response, and the cases where they are lost.

Run alone: uvicorn demos.headers_cookies:app
"""

from collections.abc import AsyncIterable

from fastapi import Depends, FastAPI, HTTPException, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

META = {
    "title": "Headers, cookies and the injected Response",
    "summary": (
        "Declare a parameter of type Response and FastAPI hands you a blank response to decorate: "
        "the headers, cookies and status you put on it are copied onto the real response when "
        "FastAPI builds it from your return value. Copied once, at that moment: what you add "
        "afterwards, or to a response that is then thrown away, never reaches the wire. An "
        "HTTPException builds a new response, a returned Response is sent as it is, and a "
        "streaming path operation's head is fixed before its generator starts."
    ),
    "topic": "headers-cookies",
    "quizzes": ["headers-cookies"],
    "examples": [
        {
            "name": "injected",
            "title": "Status and headers on the injected Response",
            "method": "POST",
            "path": "/jobs",
            "route": ["Job", "start_job"],
            "notice": (
                "The function returns a plain model, yet the status is 202 and location and "
                "retry-after are on the wire: FastAPI copied them from the injected Response, "
                "after the content-length and content-type it computed itself."
            ),
        },
        {
            "name": "set-cookie",
            "title": "Setting cookies",
            "method": "POST",
            "path": "/login",
            "route": ["login"],
            "notice": (
                "Each set_cookie call adds its own set-cookie header. max_age=3600 gives Max-Age "
                "and no Expires, and even the plain theme cookie gets Path=/ and SameSite=lax, "
                "Starlette's defaults."
            ),
        },
        {
            "name": "cookie-options",
            "title": "secure, samesite='none' and domain",
            "method": "POST",
            "path": "/embed/login",
            "route": ["embed_login"],
            "notice": (
                "A cookie for a widget embedded on other sites: SameSite=none lets the "
                "browser send it on cross-site requests, and browsers accept SameSite=none "
                "only together with Secure (HTTPS only). Domain=example.com shares it with "
                "every subdomain; Path limits it to /widgets."
            ),
        },
        {
            "name": "delete-cookie",
            "title": "Deleting cookies",
            "method": "POST",
            "path": "/logout",
            "route": ["logout"],
            "notice": (
                'delete_cookie sends the cookie again with the value "", Max-Age=0 and an '
                "expires of this very second. It uses its own defaults, so the session cookie "
                "that was set with SameSite=strict is deleted with SameSite=lax."
            ),
        },
        {
            "name": "lost-on-raise",
            "title": "Headers on the injected Response are lost when you raise",
            "path": "/raise-lost",
            "route": ["raise_lost"],
            "notice": (
                "The function set x-trace-id, then raised HTTPException: the 404 comes from the "
                "exception handler, which builds a fresh response, and the header is not there."
            ),
        },
        {
            "name": "raise-with-headers",
            "title": "HTTPException(headers=...) keeps them",
            "path": "/raise-kept",
            "route": ["raise_kept"],
            "notice": (
                "Headers passed to HTTPException itself are put on the error response, so "
                "x-trace-id arrives with the 404."
            ),
        },
        {
            "name": "lost-on-return",
            "title": "Returning your own Response ignores the injected one",
            "path": "/return-lost",
            "route": ["return_lost"],
            "notice": (
                "FastAPI sends a returned Response exactly as it is, so the cookie set on the "
                "injected Response never leaves the server, while the x-trace-id passed to "
                "JSONResponse(headers=...) arrives."
            ),
        },
        {
            "name": "lost-in-stream",
            "title": "Headers set inside a streaming path operation",
            "path": "/rows.jsonl",
            "route": ["Row", "stream_headers", "rows"],
            "notice": (
                "Only x-format arrives: the dependency set it before the response was built. "
                "FastAPI copied the injected Response before the generator's first line ran, so "
                "x-started (before the first yield), x-rows (after the last) and the 201 are "
                "silently dropped."
            ),
        },
    ],
}

app = FastAPI(title="Headers, cookies and the injected Response")


class Job(BaseModel):
    id: int
    state: str


@app.post("/jobs")
def start_job(response: Response) -> Job:
    response.status_code = 202
    response.headers["location"] = "/jobs/7"
    response.headers["retry-after"] = "5"
    return Job(id=7, state="queued")


@app.post("/login")
def login(response: Response) -> dict:
    response.set_cookie(
        "session",
        "s3cr3t",
        max_age=3600,
        httponly=True,
        samesite="strict",
    )
    response.set_cookie("theme", "dark")
    return {"logged_in": True}


@app.post("/embed/login")
def embed_login(response: Response) -> dict:
    response.set_cookie(
        "embed_session",
        "e-456",
        secure=True,
        samesite="none",
        domain="example.com",
        path="/widgets",
        httponly=True,
    )
    return {"embedded": True}


@app.post("/logout")
def logout(response: Response) -> dict:
    response.delete_cookie("session")
    response.delete_cookie("theme")
    return {"logged_in": False}


@app.get("/raise-lost")
def raise_lost(response: Response) -> dict:
    response.headers["x-trace-id"] = "t-123"
    raise HTTPException(status_code=404, detail="Order not found")


@app.get("/raise-kept")
def raise_kept() -> dict:
    headers = {"x-trace-id": "t-123"}
    raise HTTPException(404, detail="Order not found", headers=headers)


@app.get("/return-lost")
def return_lost(response: Response) -> JSONResponse:
    response.set_cookie("seen", "yes")
    return JSONResponse({"ok": True}, headers={"x-trace-id": "t-123"})


class Row(BaseModel):
    n: int


def stream_headers(response: Response) -> None:
    response.headers["x-format"] = "jsonl"


@app.get("/rows.jsonl", dependencies=[Depends(stream_headers)])
async def rows(response: Response) -> AsyncIterable[Row]:
    response.headers["x-started"] = "yes"
    response.status_code = 201
    for n in range(3):
        yield Row(n=n)
    response.headers["x-rows"] = "3"
