from typing import Annotated

from fastapi import FastAPI, Header, HTTPException, Response
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    id: int
    name: str


ITEMS = {1: Item(id=1, name="pen")}


@app.get("/items/{item_id}")
def read_item(
    item_id: int, response: Response, x_request_id: Annotated[str, Header()] = "none"
) -> Item:
    response.headers["X-Request-ID"] = x_request_id
    if item_id not in ITEMS:
        # A raise throws the injected Response away: the error brings its own headers.
        raise HTTPException(
            status_code=404, detail="Item not found", headers={"X-Request-ID": x_request_id}
        )
    return ITEMS[item_id]
