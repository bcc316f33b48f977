from fastapi import FastAPI

app = FastAPI()


# TODO: this route accepts any JSON object, so a price that is not a number
# crashes the handler and the client gets a 500. Describe the body's fields and
# types, so that FastAPI itself rejects bad input with a 422 naming the field.
@app.post("/items")
def create_item(item: dict) -> dict:
    price = float(item["price"])
    return {"name": item["name"], "price_with_tax": round(price * 1.2, 2)}
