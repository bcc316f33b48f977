import tempfile
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse

app = FastAPI()

# The report as a job left it on disk, under a name made for machines.
REPORT = Path(tempfile.mkdtemp()) / "rpt_2026_06_final.csv"
REPORT.write_text("month,revenue\n2026-06,125000\n")


# filename= adds Content-Disposition: attachment; filename="monthly-report.csv"
# (the media type is still guessed from the file's extension: text/csv).
@app.get("/reports/monthly")
def monthly_report() -> FileResponse:
    return FileResponse(REPORT, filename="monthly-report.csv")
