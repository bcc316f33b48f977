from fastapi import FastAPI, Response

app = FastAPI()

ITEMS = {1: "pen", 2: "pencil", 3: "ruler"}


# Right on the wire, but the docs still promise a 200.
@app.delete("/items/{item_id}")
def delete_item(item_id: int) -> Response:
    del ITEMS[item_id]
    return Response(status_code=204)
