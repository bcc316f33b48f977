from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

app = FastAPI()


class Order(BaseModel):
    sku: str
    quantity: int = Field(gt=0)


class Refund(BaseModel):
    order_id: int


# FastAPI raises RequestValidationError before the route runs; a handler for it
# replaces the default 422 for every route. loc is e.g. ("body", "quantity").
@app.exception_handler(RequestValidationError)
async def validation_failed(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{"field": str(e["loc"][-1]), "message": e["msg"]} for e in exc.errors()]
    return JSONResponse(status_code=400, content={"errors": errors})


@app.post("/orders", status_code=201)
def create_order(order: Order) -> Order:
    return order


@app.post("/refunds", status_code=201)
def create_refund(refund: Refund) -> Refund:
    return refund
