from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    id: int
    name: str


ITEMS = [Item(id=1, name="pen"), Item(id=2, name="pencil"), Item(id=3, name="ruler")]


# TODO: clients need two headers on this answer: X-Total-Count (how many items
# there are) and Cache-Control: max-age=60. Add them, and keep returning the
# list as it is: the body and the docs must not change.
@app.get("/items")
def list_items() -> list[Item]:
    return ITEMS
