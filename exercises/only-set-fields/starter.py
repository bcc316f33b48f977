from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str
    description: str | None = None
    price: float
    tax: float = 10.5
    tags: list[str] = []


ITEMS = {
    "foo": Item(name="Foo", price=50.2),
    "bar": Item(name="Bar", description="The bartenders", price=62, tax=20.2),
    "baz": Item(name="Baz", description=None, price=50.2, tax=10.5, tags=[]),
}


# TODO: every answer is padded with the model's defaults. Send only the fields
# each stored item was given, even a field given its default value or None.
@app.get("/items/{item_id}")
def read_item(item_id: str) -> Item:
    return ITEMS[item_id]
