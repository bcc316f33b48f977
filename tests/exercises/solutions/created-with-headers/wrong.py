from fastapi import FastAPI, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str


NEXT_ID = 42


# The headers go on the injected Response, but a returned JSONResponse replaces it.
@app.post("/items")
def create_item(item: Item, response: Response) -> JSONResponse:
    response.headers["Location"] = f"/items/{NEXT_ID}"
    response.headers["X-Item-ID"] = str(NEXT_ID)
    return JSONResponse({"message": "created", "id": NEXT_ID}, status_code=201)
