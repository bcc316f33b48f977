from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    id: int
    name: str
    price: float


ROWS = [
    {"id": 1, "name": "Laptop", "price": 750.0, "supplier_cost": 610.0},
    {"id": 2, "name": "Phone", "price": 300.0, "supplier_cost": 220.0},
]


@app.get("/items", response_model=list[Item])
async def list_items():
    return [Item.model_validate(row) for row in ROWS]
