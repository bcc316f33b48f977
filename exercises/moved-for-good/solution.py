from fastapi import FastAPI, status
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

app = FastAPI()


class Order(BaseModel):
    item: str
    quantity: int = 1


@app.post("/v2/orders", status_code=201)
def create_order(order: Order) -> Order:
    return order


# 308 Permanent Redirect: moved for good, and the client repeats the same
# method with the same body. (301 is permanent but lets clients switch to GET.)
@app.post("/v1/orders")
def old_create_order() -> RedirectResponse:
    return RedirectResponse("/v2/orders", status_code=status.HTTP_308_PERMANENT_REDIRECT)
