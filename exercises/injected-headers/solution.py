from fastapi import FastAPI, Response
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    id: int
    name: str


ITEMS = [Item(id=1, name="pen"), Item(id=2, name="pencil"), Item(id=3, name="ruler")]


# FastAPI injects a Response; the headers set on it are copied onto the answer
# it builds from the returned list.
@app.get("/items")
def list_items(response: Response) -> list[Item]:
    response.headers["X-Total-Count"] = str(len(ITEMS))
    response.headers["Cache-Control"] = "max-age=60"
    return ITEMS
