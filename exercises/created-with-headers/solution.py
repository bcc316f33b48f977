from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str


NEXT_ID = 42


# A JSONResponse sets the status, the headers and the body in one place.
@app.post("/items")
def create_item(item: Item) -> JSONResponse:
    return JSONResponse(
        content={"message": "created", "id": NEXT_ID},
        status_code=201,
        headers={"Location": f"/items/{NEXT_ID}", "X-Item-ID": str(NEXT_ID)},
    )
