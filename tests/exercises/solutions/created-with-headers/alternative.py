from fastapi import FastAPI, Response, status
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str


class Created(BaseModel):
    message: str
    id: int


NEXT_ID = 42


@app.post("/items", status_code=status.HTTP_201_CREATED)
async def create_item(item: Item, response: Response) -> Created:
    response.headers["Location"] = f"/items/{NEXT_ID}"
    response.headers["X-Item-ID"] = str(NEXT_ID)
    return Created(message="created", id=NEXT_ID)
