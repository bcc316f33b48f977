from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str
    description: str | None = None
    price: float
    tags: list[str] = []


class ItemPatch(BaseModel):
    name: str | None = None
    description: str | None = None
    price: float | None = None
    tags: list[str] | None = None


ITEMS = {1: {"name": "Pen", "description": "Blue ink", "price": 1.5, "tags": ["office"]}}


@app.get("/items/{item_id}", response_model=Item)
async def read_item(item_id: int):
    return ITEMS[item_id]


@app.patch("/items/{item_id}", response_model=Item)
async def update_item(item_id: int, patch: ItemPatch):
    stored = ITEMS[item_id]
    for field in patch.model_fields_set:
        stored[field] = getattr(patch, field)
    return stored
