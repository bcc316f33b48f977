from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI()

ROWS = [(1, "Laptop", 750), (2, "Phone", 300)]


def to_csv() -> str:
    lines = ["id,name,price", *(f"{id_},{name},{price}" for id_, name, price in ROWS)]
    return "\n".join(lines) + "\n"


# A download named data.csv, but its content-type still says text/plain.
@app.get("/export/csv")
def export_csv() -> PlainTextResponse:
    return PlainTextResponse(
        to_csv(), headers={"Content-Disposition": 'attachment; filename="data.csv"'}
    )
