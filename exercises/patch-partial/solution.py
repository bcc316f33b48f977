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


ITEMS = {1: Item(name="Pen", description="Blue ink", price=1.5, tags=["office"])}


@app.get("/items/{item_id}")
def read_item(item_id: int) -> Item:
    return ITEMS[item_id]


@app.patch("/items/{item_id}")
def update_item(item_id: int, patch: ItemPatch) -> Item:
    # exclude_unset keeps the fields present in the request body, even a null;
    # exclude_none would also drop the nulls the client sent on purpose.
    changes = patch.model_dump(exclude_unset=True)
    ITEMS[item_id] = ITEMS[item_id].model_copy(update=changes)
    return ITEMS[item_id]
