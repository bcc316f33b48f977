from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str


ITEMS: dict[int, Item] = {}


@app.get("/items/{item_id}")
async def read_item(item_id: int) -> Item:
    return ITEMS[item_id]


# The response class turns the returned URL into a redirect.
@app.post("/items", response_class=RedirectResponse, status_code=303)
async def create_item(item: Item, request: Request) -> str:
    item_id = max(ITEMS, default=0) + 1
    ITEMS[item_id] = item
    return str(request.url_for("read_item", item_id=item_id))
