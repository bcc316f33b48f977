import csv
import io

from fastapi import FastAPI, Response
from fastapi.responses import PlainTextResponse

app = FastAPI()

ROWS = [(1, "Laptop", 750), (2, "Phone", 300)]


class CSVResponse(PlainTextResponse):
    media_type = "text/csv"


@app.get("/export/csv", response_class=CSVResponse)
async def export_csv(response: Response) -> str:
    response.headers["Content-Disposition"] = "attachment; filename=data.csv"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "name", "price"])
    writer.writerows(ROWS)
    return out.getvalue()
