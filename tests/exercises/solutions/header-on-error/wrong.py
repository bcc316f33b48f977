from typing import Annotated

from fastapi import FastAPI, Header, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    id: int
    name: str


ITEMS = {1: Item(id=1, name="pen")}


# Returning the error instead of raising it: the injected headers are still lost.
@app.get("/items/{item_id}", response_model=Item)
def read_item(item_id: int, response: Response, x_request_id: Annotated[str, Header()] = "none"):
    response.headers["X-Request-ID"] = x_request_id
    if item_id not in ITEMS:
        return JSONResponse(status_code=404, content={"detail": "Item not found"})
    return ITEMS[item_id]
