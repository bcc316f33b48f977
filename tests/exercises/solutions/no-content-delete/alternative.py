from http import HTTPStatus

from fastapi import FastAPI, Response

app = FastAPI()

ITEMS = {1: "pen", 2: "pencil", 3: "ruler"}


@app.delete("/items/{item_id}", status_code=HTTPStatus.NO_CONTENT, response_class=Response)
async def delete_item(item_id: int) -> Response:
    ITEMS.pop(item_id)
    return Response(status_code=HTTPStatus.NO_CONTENT)
