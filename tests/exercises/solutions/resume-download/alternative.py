import tempfile
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

app = FastAPI()

FOLDER = Path(tempfile.mkdtemp())
(FOLDER / "app.log").write_text("".join(f"line {n:04}\n" for n in range(1, 201)))

# StaticFiles serves each file with FileResponse, Range support included.
app.mount("/downloads", StaticFiles(directory=FOLDER), name="downloads")
