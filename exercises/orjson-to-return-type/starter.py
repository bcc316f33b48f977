from fastapi import FastAPI
from fastapi.responses import ORJSONResponse
from pydantic import BaseModel

app = FastAPI(default_response_class=ORJSONResponse)


class Product(BaseModel):
    id: int
    name: str
    price: float


# Rows as the database hands them over: supplier_cost is for internal use only.
ROWS = [
    {"id": 1, "name": "Laptop", "price": 750.0, "supplier_cost": 610.0},
    {"id": 2, "name": "Phone", "price": 300.0, "supplier_cost": 220.0},
]


# TODO: old advice for fast JSON, set for the whole app above. ORJSONResponse is
# deprecated (the server warns on the first request), nothing filters the rows,
# and /openapi.json documents no shape. Drop it, and let return types do the work.
@app.get("/products")
def list_products():
    return ROWS


@app.get("/products/{product_id}")
def read_product(product_id: int):
    return ROWS[product_id - 1]
