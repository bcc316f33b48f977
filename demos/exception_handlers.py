"""Exception handlers: turning exceptions into responses your way, or FastAPI's way plus yours.

Run alone: uvicorn demos.exception_handlers:app
(the handlers report through the demos.exception_handlers logger, at INFO level)
"""

import logging

from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

META = {
    "title": "Exception handlers",
    "summary": (
        "An exception handler turns an exception class into a response, for the whole app. "
        "FastAPI installs two for HTTP: HTTPException becomes {'detail': ...} with its "
        "status and headers, and RequestValidationError becomes the 422 list of errors; "
        "any other exception ends in Starlette's plain-text 500. Register your own with "
        "@app.exception_handler(SomeError): for a validation error with a shape of your "
        "own, for your domain exceptions, or to add something (a log line, a header) and "
        "then hand over to FastAPI's default handlers, which fastapi.exception_handlers "
        "exports. Register HTTP handlers for Starlette's HTTPException: the router raises "
        "that one for 404 and 405, and FastAPI's HTTPException is its subclass."
    ),
    "topic": "exception-handlers",
    "quizzes": ["exception-handlers", "errors"],
    "examples": [
        {
            "name": "validation-shape",
            "title": "Your own shape for validation errors",
            "method": "POST",
            "path": "/orders",
            "json": {"sku": "A", "quantity": 0},
            "route": ["NewOrder", "validation_failed", "create_order"],
            "notice": (
                "The RequestValidationError handler answers 400 with a short list of the "
                "fields that failed, instead of FastAPI's 422 with type, loc, msg and input "
                "for each error. The route never ran."
            ),
        },
        {
            "name": "validation-default",
            "title": "Validation errors, FastAPI's default plus a log line",
            "method": "POST",
            "path": "/v2/orders",
            "json": {"sku": "A", "quantity": 0},
            "route": ["checked_validation", "create_order_v2"],
            "notice": (
                "This sub-application logs the error and then calls FastAPI's own "
                "request_validation_exception_handler: the client gets the usual 422 body, "
                "and the log line shows under the exchange."
            ),
        },
        {
            "name": "dict-detail",
            "title": "HTTPException with a dict as detail",
            "path": "/exports/big",
            "route": ["start_export"],
            "notice": (
                "detail may be any JSON-able value: the dict arrives nested under 'detail', "
                "so clients get a code and numbers, not only a sentence."
            ),
        },
        {
            "name": "with-headers",
            "title": "HTTPException with headers",
            "path": "/busy",
            "route": ["busy"],
            "notice": (
                "headers= on the exception reach the wire: retry-after tells the client when "
                "to try again. The default handler passes them to the JSONResponse it builds."
            ),
        },
        {
            "name": "router-404",
            "title": "The router's 404 goes through your HTTP handler",
            "path": "/nowhere",
            "route": ["log_http_errors"],
            "notice": (
                "No route matched, so the router raised Starlette's HTTPException. The "
                "handler registered for that class logs it, reuses FastAPI's "
                "http_exception_handler for the body and adds x-error-logged: yes."
            ),
        },
        {
            "name": "router-404-missed",
            "title": "A handler for FastAPI's HTTPException misses it",
            "path": "/narrow/nowhere",
            "route": ["narrow", "narrow_handler"],
            "notice": (
                "This sub-application registered its handler for fastapi.HTTPException. The "
                "router's 404 is Starlette's HTTPException, the parent class, so the "
                "handler never runs: no x-error-logged header and no log line."
            ),
        },
        {
            "name": "own-exception",
            "title": "Your own exception class",
            "method": "POST",
            "path": "/downloads/report.pdf",
            "route": ["PaymentRequired", "payment_required", "download"],
            "notice": (
                "The route raises a plain Python exception carrying domain data; its handler "
                "decides the status (402) and the body in one place, for every route."
            ),
        },
        {
            "name": "starlette-exception",
            "title": "Raising Starlette's HTTPException",
            "path": "/teapot",
            "route": ["teapot"],
            "notice": (
                "Starlette's HTTPException works the same on the wire, and the same handler "
                "catches it. Its detail is meant to be a string; FastAPI's subclass is the "
                "one that documents any JSON-able detail, so raise FastAPI's in your routes."
            ),
        },
    ],
}

app = FastAPI(title="Exception handlers")
log = logging.getLogger(__name__)


class NewOrder(BaseModel):
    sku: str = Field(min_length=3)
    quantity: int = Field(gt=0)


@app.exception_handler(RequestValidationError)
async def validation_failed(
    request: Request,
    exc: RequestValidationError,
) -> JSONResponse:
    fields = [".".join(str(p) for p in e["loc"]) for e in exc.errors()]
    body = {"error": "invalid request", "fields": fields}
    return JSONResponse(body, status_code=400)


@app.post("/orders", status_code=201)
async def create_order(order: NewOrder) -> NewOrder:
    return order


@app.exception_handler(StarletteHTTPException)
async def log_http_errors(
    request: Request,
    exc: StarletteHTTPException,
) -> Response:
    log.info("HTTP %d for %s", exc.status_code, request.url.path)
    response = await http_exception_handler(request, exc)
    response.headers["x-error-logged"] = "yes"
    return response


@app.get("/exports/{size}")
async def start_export(size: str) -> dict:
    if size == "big":
        detail = {"code": "too_large", "max_rows": 10000}
        raise HTTPException(status_code=413, detail=detail)
    return {"export": size}


@app.get("/busy")
async def busy() -> dict:
    raise HTTPException(
        status_code=429,
        detail="Too many requests",
        headers={"retry-after": "30"},
    )


class PaymentRequired(Exception):
    def __init__(self, item: str, price: float) -> None:
        self.item = item
        self.price = price


@app.exception_handler(PaymentRequired)
async def payment_required(
    request: Request,
    exc: PaymentRequired,
) -> JSONResponse:
    body = {"error": "payment_required", "item": exc.item, "price": exc.price}
    return JSONResponse(body, status_code=402)


@app.post("/downloads/{name}")
async def download(name: str) -> dict:
    raise PaymentRequired(name, price=4.5)


@app.get("/teapot")
async def teapot() -> dict:
    raise StarletteHTTPException(status_code=418, detail="I only brew tea")


# Handlers belong to one application: these sub-applications have their own.
checked = FastAPI(title="Validation: FastAPI's default plus a log line")


@checked.exception_handler(RequestValidationError)
async def checked_validation(
    request: Request,
    exc: RequestValidationError,
) -> JSONResponse:
    count = len(exc.errors())
    log.info("invalid request to %s: %d errors", request.url.path, count)
    return await request_validation_exception_handler(request, exc)


@checked.post("/orders", status_code=201)
async def create_order_v2(order: NewOrder) -> NewOrder:
    return order


narrow = FastAPI(title="A handler for FastAPI's HTTPException only")


@narrow.exception_handler(HTTPException)
async def narrow_handler(request: Request, exc: HTTPException) -> Response:
    log.info("narrow handler ran")
    response = await http_exception_handler(request, exc)
    response.headers["x-error-logged"] = "yes"
    return response


app.mount("/v2", checked)
app.mount("/narrow", narrow)
