from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    id: int
    name: str


ITEMS = {1: Item(id=1, name="pen"), 2: Item(id=2, name="pencil")}


# A 404, but without a detail FastAPI sends its default text: "Not Found".
@app.get("/items/{item_id}")
def read_item(item_id: int) -> Item:
    if item_id not in ITEMS:
        raise HTTPException(status_code=404)
    return ITEMS[item_id]
