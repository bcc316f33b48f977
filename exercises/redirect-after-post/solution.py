from fastapi import FastAPI, status
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str


ITEMS: dict[int, Item] = {}


@app.get("/items/{item_id}")
def read_item(item_id: int) -> Item:
    return ITEMS[item_id]


# 303 See Other: the client follows the Location with a GET. RedirectResponse's
# default, 307, makes it repeat the POST.
@app.post("/items")
def create_item(item: Item) -> RedirectResponse:
    item_id = len(ITEMS) + 1
    ITEMS[item_id] = item
    return RedirectResponse(f"/items/{item_id}", status_code=status.HTTP_303_SEE_OTHER)
