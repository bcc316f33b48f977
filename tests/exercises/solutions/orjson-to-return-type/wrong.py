from fastapi import FastAPI
from fastapi.responses import ORJSONResponse
from pydantic import BaseModel

app = FastAPI()


class Product(BaseModel):
    id: int
    name: str
    price: float


ROWS = [
    {"id": 1, "name": "Laptop", "price": 750.0, "supplier_cost": 610.0},
    {"id": 2, "name": "Phone", "price": 300.0, "supplier_cost": 220.0},
]


# The docs now show Product, but a returned ORJSONResponse skips the model.
@app.get("/products", response_model=list[Product])
def list_products() -> ORJSONResponse:
    return ORJSONResponse(ROWS)


@app.get("/products/{product_id}", response_model=Product)
def read_product(product_id: int) -> ORJSONResponse:
    return ORJSONResponse(ROWS[product_id - 1])
