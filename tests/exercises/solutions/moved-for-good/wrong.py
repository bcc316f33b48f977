from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

app = FastAPI()


class Order(BaseModel):
    item: str
    quantity: int = 1


@app.post("/v2/orders", status_code=201)
def create_order(order: Order) -> Order:
    return order


# Permanent, but clients follow a 301 with a GET, without the body.
@app.post("/v1/orders")
def old_create_order() -> RedirectResponse:
    return RedirectResponse("/v2/orders", status_code=301)
