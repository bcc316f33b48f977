from typing import Annotated

from fastapi import Body, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

app = FastAPI()


class Order(BaseModel):
    sku: str
    quantity: Annotated[int, Field(gt=0)]


async def as_400(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = []
    for error in exc.errors():
        field = ".".join(str(part) for part in error["loc"][1:])
        errors.append({"field": field, "message": error["msg"]})
    return JSONResponse({"errors": errors}, status_code=400)


app.add_exception_handler(RequestValidationError, as_400)


@app.post("/orders", status_code=201)
async def create_order(order: Order) -> Order:
    return order


@app.post("/refunds", status_code=201)
async def create_refund(order_id: Annotated[int, Body(embed=True)]) -> dict[str, int]:
    return {"order_id": order_id}
