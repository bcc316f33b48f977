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


# TODO: /v1/orders moved to /v2/orders for good, but this redirect says
# "for now", so clients never update their URL. Make it permanent, and make
# sure a client that follows it still sends its POST, body included.
@app.post("/v1/orders")
def old_create_order() -> RedirectResponse:
    return RedirectResponse("/v2/orders")
