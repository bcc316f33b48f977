"""JSON responses: what FastAPI writes when you return data, and when you return a JSONResponse.

Run alone: uvicorn demos.json_response:app
"""

import math
from datetime import UTC, datetime
from decimal import Decimal

from fastapi import FastAPI
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel

META = {
    "title": "JSON responses",
    "summary": (
        "Return a dict or a model and FastAPI turns it into JSON for you. Which encoder runs "
        "depends on whether the route declares a return type (or response_model): without "
        "one, jsonable_encoder prepares the data and JSONResponse dumps it with Python's json "
        "module; with one (and no response class set), Pydantic validates the value and "
        "writes the JSON bytes itself. The two "
        "disagree on datetimes, Decimals and NaN. Returning a JSONResponse yourself bypasses "
        "both: you choose status and headers, and no model filters anything."
    ),
    "topic": "json-response",
    "quizzes": ["json-response", "response-models"],
    "examples": [
        {
            "name": "dict",
            "title": "A dict with no return type",
            "path": "/order/dict",
            "route": ["order_as_dict"],
            "notice": (
                "jsonable_encoder turns the aware datetime into '+00:00' isoformat and the "
                "Decimal 19.90 into the JSON number 19.9: the trailing zero is gone. The body "
                "is compact JSON with a content-length, sent in one piece."
            ),
        },
        {
            "name": "model",
            "title": "The same data through a return annotation",
            "path": "/order/model",
            "route": ["Order", "OrderInDB", "order_as_model"],
            "notice": (
                "The handler returns an OrderInDB, but the annotation says Order: supplier_cost "
                "is dropped. Pydantic writes the datetime with a 'Z' and the Decimal as the "
                'string "19.90", so no digit is lost.'
            ),
        },
        {
            "name": "explicit",
            "title": "An explicit JSONResponse with status and headers",
            "method": "POST",
            "path": "/orders",
            "route": ["create_order"],
            "notice": (
                "You build the response, so you pick the status (201) and the headers. On the "
                "wire, yours sit between uvicorn's date and server and the content-length and "
                "content-type that Starlette computes from the body."
            ),
        },
        {
            "name": "skips-model",
            "title": "Returning JSONResponse skips the response model",
            "path": "/order/leak",
            "route": ["OrderInDB", "order_leak"],
            "notice": (
                "response_model=Order is declared, yet supplier_cost reaches the client: a "
                "returned Response is sent as it is, never validated or filtered."
            ),
        },
        {
            "name": "nan-model",
            "title": "A NaN through a return annotation",
            "path": "/reading/model",
            "route": ["Reading", "reading_model"],
            "notice": (
                "With a return type, Pydantic writes the JSON and turns NaN into null: the "
                "request succeeds, but the client gets null and cannot know it was NaN."
            ),
        },
        {
            "name": "nan",
            "title": "The same NaN with no return type",
            "path": "/reading/plain",
            "route": ["reading_plain"],
            "notice": (
                "Python's json module refuses NaN here (allow_nan=False), so the server "
                "answers a plain-text 500 Internal Server Error and logs the ValueError."
            ),
        },
    ],
}

app = FastAPI(title="JSON responses")

PLACED = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)


class Order(BaseModel):
    id: int
    placed: datetime
    total: Decimal


class OrderInDB(Order):
    supplier_cost: Decimal  # internal: must not reach clients


def load_order() -> OrderInDB:
    return OrderInDB(id=7, placed=PLACED, total=Decimal("19.90"), supplier_cost=Decimal("11.25"))


@app.get("/order/dict")
def order_as_dict():
    return {"id": 7, "placed": PLACED, "total": Decimal("19.90")}


@app.get("/order/model")
def order_as_model() -> Order:
    return load_order()


@app.post("/orders")
def create_order() -> JSONResponse:
    return JSONResponse(
        {"id": 8, "status": "created"},
        status_code=201,
        headers={"location": "/orders/8", "x-request-id": "demo-42"},
    )


@app.get("/order/leak", response_model=Order)
def order_leak():
    return JSONResponse(jsonable_encoder(load_order()))


class Reading(BaseModel):
    sensor: str
    value: float


@app.get("/reading/plain")
def reading_plain():
    return {"sensor": "t1", "value": math.nan}


@app.get("/reading/model")
def reading_model() -> Reading:
    return Reading(sensor="t1", value=math.nan)
