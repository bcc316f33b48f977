from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str


ITEMS: dict[int, Item] = {}


@app.get("/items/{item_id}")
def read_item(item_id: int) -> Item:
    return ITEMS[item_id]


# 302: clients happen to switch to GET, but the code does not say so; 303 does.
@app.post("/items")
def create_item(item: Item) -> RedirectResponse:
    item_id = len(ITEMS) + 1
    ITEMS[item_id] = item
    return RedirectResponse(f"/items/{item_id}", status_code=302)
