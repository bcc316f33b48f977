from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str


NEXT_ID = 42


# TODO: the answer is a 200 with no hint of where the new item lives. Answer
# 201 with the headers Location: /items/42 and X-Item-ID: 42, and the body
# {"message": "created", "id": 42}.
@app.post("/items")
def create_item(item: Item) -> dict:
    return {"message": "created", "id": NEXT_ID}
