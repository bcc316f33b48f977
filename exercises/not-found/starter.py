from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    id: int
    name: str


ITEMS = {1: Item(id=1, name="pen"), 2: Item(id=2, name="pencil")}


# TODO: an unknown id answers 200 with null, which clients take for success.
# Answer 404 with the JSON body {"detail": "Item not found"} instead.
@app.get("/items/{item_id}")
def read_item(item_id: int) -> Item | None:
    return ITEMS.get(item_id)
