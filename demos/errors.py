"""Errors: what the client receives when something goes wrong, and who writes it.

Run alone: uvicorn demos.errors:app
"""

from fastapi import FastAPI, Header, HTTPException, Request
from fastapi.exceptions import ResponseValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

META = {
    "title": "Errors",
    "summary": (
        "Most error responses are written by exception handlers, not by your route. "
        "HTTPException, unknown paths and wrong methods all become {'detail': ...} JSON; a "
        "request that fails validation gets a 422 listing every problem. A response that "
        "fails its own return type is a server bug: by default the client sees a bare "
        "plain-text 500 and the details go to the server log. Register a handler for any "
        "exception class, your own included, to choose the status and body yourself."
    ),
    "topic": "errors",
    "quizzes": ["errors", "status-codes"],
    "examples": [
        {
            "name": "http-exception",
            "title": "HTTPException with headers",
            "path": "/me",
            "route": ["me"],
            "notice": (
                "The headers given to HTTPException reach the wire (www-authenticate here), "
                "and detail becomes the JSON body {'detail': ...}."
            ),
        },
        {
            "name": "not-found",
            "title": "A path no route matches",
            "path": "/nowhere",
            "route": ["get_order"],
            "notice": (
                "No route matched, so the router raised a 404 HTTPException itself; FastAPI's "
                "handler gives it the same {'detail': ...} shape as the 404 that get_order "
                "raises for an unknown order."
            ),
        },
        {
            "name": "wrong-method",
            "title": "A method the path does not accept",
            "method": "DELETE",
            "path": "/orders/7",
            "route": ["get_order", "replace_order"],
            "notice": (
                "405 with an allow header, but allow says only GET although PUT works on this "
                "path too: FastAPI's router reports the methods of the first route whose "
                "path matched, not of every route for that path."
            ),
        },
        {
            "name": "invalid-body",
            "title": "A request body that fails validation",
            "method": "POST",
            "path": "/orders",
            "json": {"sku": "A", "quantity": "two"},
            "route": ["NewOrder", "create_order"],
            "notice": (
                "One 422 lists every problem, each with type, loc (where: body, then the "
                "field), msg and the offending input; ctx appears only for errors that have "
                "parameters, like min_length. Your handler never ran."
            ),
        },
        {
            "name": "bad-response",
            "title": "The handler returns data that does not match its return type",
            "path": "/orders/7",
            "route": ["Order", "get_order"],
            "notice": (
                "total '12.50 EUR' is not a number, so the response fails validation: a "
                "plain-text 500 'Internal Server Error', while the ResponseValidationError "
                "and its details land in the server log, not in the response."
            ),
        },
        {
            "name": "bad-response-handled",
            "title": "The same failure with a ResponseValidationError handler",
            "path": "/checked/orders/7",
            "route": ["checked", "response_validation_failed", "get_checked_order"],
            "notice": (
                "This sub-application registers a handler for ResponseValidationError, so "
                "the 500 is JSON saying what was wrong, and no ERROR traceback is logged: a "
                "handled exception is not an error to uvicorn. Its access log (off here) "
                "still records the 500, like any other answer."
            ),
        },
        {
            "name": "custom-exception",
            "title": "Your own exception class and its handler",
            "method": "POST",
            "path": "/cart/ABC-9",
            "route": ["OutOfStock", "out_of_stock", "add_to_cart"],
            "notice": (
                "The route raises a plain Python exception; the handler registered for that "
                "class turns it into a 409 with your own body shape and a retry-after header."
            ),
        },
    ],
}

app = FastAPI(title="Errors")


@app.get("/me")
async def me(authorization: str | None = Header(default=None)) -> dict:
    if authorization is None:
        raise HTTPException(
            status_code=401,
            detail="Not authenticated",
            headers={"www-authenticate": 'Bearer realm="demo"'},
        )
    return {"user": "ada"}


class Order(BaseModel):
    id: int
    sku: str
    quantity: int
    total: float


# A stored row whose total was saved as text: it does not fit Order.
ORDERS = {7: {"id": 7, "sku": "ABC-9", "quantity": 2, "total": "12.50 EUR"}}


@app.get("/orders/{order_id}")
async def get_order(order_id: int) -> Order:
    if order_id not in ORDERS:
        raise HTTPException(404, detail=f"order {order_id} not found")
    return ORDERS[order_id]


class NewOrder(BaseModel):
    sku: str = Field(min_length=3)
    quantity: int = Field(gt=0)


@app.put("/orders/{order_id}")
async def replace_order(order_id: int, order: NewOrder) -> dict:
    return {"id": order_id, **order.model_dump()}


@app.post("/orders", status_code=201)
async def create_order(order: NewOrder) -> dict:
    return {"id": 8, **order.model_dump()}


class OutOfStock(Exception):
    def __init__(self, sku: str, back_in_days: int) -> None:
        self.sku = sku
        self.days = back_in_days


@app.exception_handler(OutOfStock)
async def out_of_stock(request: Request, exc: OutOfStock) -> JSONResponse:
    body = {"error": "out_of_stock", "sku": exc.sku, "back_in_days": exc.days}
    return JSONResponse(
        body,
        status_code=409,
        headers={"retry-after": str(exc.days * 86400)},
    )


@app.post("/cart/{sku}")
async def add_to_cart(sku: str) -> dict:
    raise OutOfStock(sku, back_in_days=2)


# Exception handlers belong to an application: this sub-application, mounted
# at /checked, handles ResponseValidationError; the main app above does not.
checked = FastAPI(title="Errors, with a response validation handler")


@checked.exception_handler(ResponseValidationError)
async def response_validation_failed(
    request: Request, exc: ResponseValidationError
) -> JSONResponse:
    problems = [{"loc": e["loc"], "msg": e["msg"]} for e in exc.errors()]
    detail = "the server built an invalid response"
    body = {"detail": detail, "problems": problems}
    return JSONResponse(body, status_code=500)


@checked.get("/orders/{order_id}")
async def get_checked_order(order_id: int) -> Order:
    return ORDERS[order_id]


app.mount("/checked", checked)
