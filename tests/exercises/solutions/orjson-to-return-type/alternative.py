from fastapi import FastAPI
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
PRODUCTS = [Product.model_validate(row) for row in ROWS]


@app.get("/products", response_model=list[Product])
async def list_products():
    return PRODUCTS


@app.get("/products/{product_id}", response_model=Product)
async def read_product(product_id: int):
    return PRODUCTS[product_id - 1]
