from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI()

ROWS = [(1, "Laptop", 750), (2, "Phone", 300)]


def to_csv() -> str:
    lines = ["id,name,price", *(f"{id_},{name},{price}" for id_, name, price in ROWS)]
    return "\n".join(lines) + "\n"


# TODO: the browser shows the CSV as text in the tab. Send it as CSV (text/csv),
# as a download the browser saves under the name data.csv.
@app.get("/export/csv")
def export_csv() -> PlainTextResponse:
    return PlainTextResponse(to_csv())
