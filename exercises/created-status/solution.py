from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str
    price: float


ITEMS: list[Item] = []


# status_code= in the decorator sets the status of every answer of this route, and
# /openapi.json documents it: 201 replaces the default 200.
@app.post("/items", status_code=201)
def create_item(item: Item) -> Item:
    ITEMS.append(item)
    return item
