from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Product(BaseModel):
    id: int
    name: str
    price: float


# Rows as the database hands them over: supplier_cost is for internal use only.
ROWS = [
    {"id": 1, "name": "Laptop", "price": 750.0, "supplier_cost": 610.0},
    {"id": 2, "name": "Phone", "price": 300.0, "supplier_cost": 220.0},
]


# No response class anywhere and a return type: Pydantic validates, filters and
# writes the JSON bytes in one step (faster than ORJSONResponse), and the docs
# show the shape.
@app.get("/products")
def list_products() -> list[Product]:
    return ROWS  # plain dicts: FastAPI validates each one into a Product


@app.get("/products/{product_id}")
def read_product(product_id: int) -> Product:
    return ROWS[product_id - 1]
