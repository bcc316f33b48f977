from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str
    price: float


ITEMS: list[Item] = []


# TODO: this answers 200 OK, but the request created something. Make the route answer
# 201 Created, and let /openapi.json document 201 as its answer.
@app.post("/items")
def create_item(item: Item) -> Item:
    ITEMS.append(item)
    return item
