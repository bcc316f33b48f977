import tempfile
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse

app = FastAPI()

REPORT = Path(tempfile.mkdtemp()) / "rpt_2026_06_final.csv"
REPORT.write_text("month,revenue\n2026-06,125000\n")


# A generic media type does not make a download, and names nothing.
@app.get("/reports/monthly")
def monthly_report() -> FileResponse:
    return FileResponse(REPORT, media_type="application/octet-stream")
