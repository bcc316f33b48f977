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


# TODO: after the POST the client should fetch the new item with a GET. This
# redirect keeps the method, so the client POSTs again, to /items/1. Send the
# redirect that tells the client to follow it with a GET.
@app.post("/items")
def create_item(item: Item) -> RedirectResponse:
    item_id = len(ITEMS) + 1
    ITEMS[item_id] = item
    return RedirectResponse(f"/items/{item_id}")
