from fastapi import Depends, FastAPI, Response
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    id: int
    name: str


ITEMS = [Item(id=1, name="pen"), Item(id=2, name="pencil"), Item(id=3, name="ruler")]


def cache_for_a_minute(response: Response) -> None:
    response.headers["Cache-Control"] = "max-age=60"


@app.get("/items", dependencies=[Depends(cache_for_a_minute)])
async def list_items(response: Response) -> list[Item]:
    response.headers["X-Total-Count"] = f"{len(ITEMS)}"
    return ITEMS
