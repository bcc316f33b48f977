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


# TODO: a client sends {"description": null} to clear the description, and
# nothing changes. Apply exactly the fields the client sent, null included,
# and leave every other field as it was.
@app.patch("/items/{item_id}")
def update_item(item_id: int, patch: ItemPatch) -> Item:
    changes = patch.model_dump(exclude_none=True)
    ITEMS[item_id] = ITEMS[item_id].model_copy(update=changes)
    return ITEMS[item_id]
