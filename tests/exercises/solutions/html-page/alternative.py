from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()

HEADING = "Service is healthy"
VERSION = "1.0.0"


@app.get("/status")
async def status_page() -> HTMLResponse:
    page = f"""<html>
  <body>
    <h1>{HEADING}</h1>
    <p>Version: {VERSION}</p>
  </body>
</html>"""
    return HTMLResponse(content=page)
