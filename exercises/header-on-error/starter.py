from typing import Annotated

from fastapi import FastAPI, Header, HTTPException, Response
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    id: int
    name: str


ITEMS = {1: Item(id=1, name="pen")}


# TODO: every answer should echo the client's X-Request-ID header, so that a
# failed call can be traced. The 404 for an unknown item arrives without it:
# make the 404 carry it too.
@app.get("/items/{item_id}")
def read_item(
    item_id: int, response: Response, x_request_id: Annotated[str, Header()] = "none"
) -> Item:
    response.headers["X-Request-ID"] = x_request_id
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    return ITEMS[item_id]
