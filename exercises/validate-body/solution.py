from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


# A model for the body: FastAPI validates it before the handler runs and
# answers 422 with the location of each bad field.
class Item(BaseModel):
    name: str
    price: float


@app.post("/items")
def create_item(item: Item) -> dict:
    return {"name": item.name, "price_with_tax": round(item.price * 1.2, 2)}
