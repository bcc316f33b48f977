from typing import Annotated

from fastapi import Body, FastAPI

app = FastAPI()


# Two body parameters: FastAPI reads them as keys of one JSON object.
@app.post("/items")
async def create_item(
    name: Annotated[str, Body()],
    price: Annotated[float, Body()],
) -> dict[str, str | float]:
    return {"name": name, "price_with_tax": round(price * 1.2, 2)}
