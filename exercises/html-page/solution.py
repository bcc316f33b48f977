from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()

PAGE = """<html>
  <body>
    <h1>Service is healthy</h1>
    <p>Version: 1.0.0</p>
  </body>
</html>"""


# HTMLResponse sends the str as it is, with content-type text/html; charset=utf-8.
@app.get("/status", response_class=HTMLResponse)
def status_page() -> str:
    return PAGE
