import tempfile
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse

app = FastAPI()

# The report as a job left it on disk, under a name made for machines.
REPORT = Path(tempfile.mkdtemp()) / "rpt_2026_06_final.csv"
REPORT.write_text("month,revenue\n2026-06,125000\n")


# TODO: the browser opens the report in the tab, or saves it under a name made
# up from the URL. Make it a download the browser saves as monthly-report.csv.
@app.get("/reports/monthly")
def monthly_report() -> FileResponse:
    return FileResponse(REPORT)
