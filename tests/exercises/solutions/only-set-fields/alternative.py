from fastapi import FastAPI
from fastapi.responses import JSONResponse
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


@app.get("/items/{item_id}", response_model=Item)
async def read_item(item_id: str) -> JSONResponse:
    return JSONResponse(ITEMS[item_id].model_dump(mode="json", exclude_unset=True))
