# Plausible but wrong: 201 goes out on the wire, but only at run time; /openapi.json still
# documents 200 as the answer.
from fastapi import FastAPI, Response
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str
    price: float


@app.post("/items")
def create_item(item: Item, response: Response) -> Item:
    response.status_code = 201
    return item
