from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    id: int
    name: str


ITEMS = {1: Item(id=1, name="pen"), 2: Item(id=2, name="pencil")}


@app.get("/items/{item_id}", response_model=Item)
async def read_item(item_id: int):
    item = ITEMS.get(item_id)
    if item is None:
        return JSONResponse(status_code=404, content={"detail": "Item not found"})
    return item
