import tempfile
from pathlib import Path

from fastapi import FastAPI, Response

app = FastAPI()

REPORT = Path(tempfile.mkdtemp()) / "rpt_2026_06_final.csv"
REPORT.write_text("month,revenue\n2026-06,125000\n")


@app.get("/reports/monthly")
async def monthly_report() -> Response:
    return Response(
        REPORT.read_bytes(),
        media_type="text/csv",
        headers={"Content-Disposition": "attachment; filename=monthly-report.csv"},
    )
