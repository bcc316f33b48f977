from fastapi import FastAPI, Response

app = FastAPI()

ROWS = [(1, "Laptop", 750), (2, "Phone", 300)]


def to_csv() -> str:
    lines = ["id,name,price", *(f"{id_},{name},{price}" for id_, name, price in ROWS)]
    return "\n".join(lines) + "\n"


# media_type names the format; Content-Disposition: attachment makes it a
# download, and filename is the name the browser offers to save it under.
@app.get("/export/csv")
def export_csv() -> Response:
    return Response(
        to_csv(),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="data.csv"'},
    )
