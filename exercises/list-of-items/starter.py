from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    id: int
    name: str
    price: float


# Rows as the database hands them over: supplier_cost is for internal use only.
ROWS = [
    {"id": 1, "name": "Laptop", "price": 750.0, "supplier_cost": 610.0},
    {"id": 2, "name": "Phone", "price": 300.0, "supplier_cost": 220.0},
]


# TODO: the rows go out as they are, supplier_cost included, and /openapi.json
# documents a list of anything. Make FastAPI send and document a list of Item.
@app.get("/items")
def list_items() -> list[dict]:
    return ROWS
