from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

app = FastAPI()


class Order(BaseModel):
    item: str
    quantity: int = 1


@app.post("/v2/orders", status_code=201)
async def create_order(order: Order) -> Order:
    return order


@app.post("/v1/orders", response_class=RedirectResponse, status_code=308)
async def old_create_order() -> str:
    return "/v2/orders"
