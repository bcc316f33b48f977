from fastapi import FastAPI, Response
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    id: int
    name: str


ITEMS = [Item(id=1, name="pen"), Item(id=2, name="pencil"), Item(id=3, name="ruler")]


# A new Response that nobody sends: its headers go nowhere.
@app.get("/items")
def list_items() -> list[Item]:
    response = Response()
    response.headers["X-Total-Count"] = str(len(ITEMS))
    response.headers["Cache-Control"] = "max-age=60"
    return ITEMS
