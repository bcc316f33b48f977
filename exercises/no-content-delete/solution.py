from fastapi import FastAPI, status

app = FastAPI()

ITEMS = {1: "pen", 2: "pencil", 3: "ruler"}


# status_code sets the status and the documented answer; a 204 never has a body.
@app.delete("/items/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_item(item_id: int) -> None:
    del ITEMS[item_id]
