from fastapi import FastAPI

app = FastAPI()

PAGE = """<html>
  <body>
    <h1>Service is healthy</h1>
    <p>Version: 1.0.0</p>
  </body>
</html>"""


# TODO: a browser shows this page as one quoted JSON string full of \n escapes.
# Send it as an HTML page, so the browser renders it.
@app.get("/status")
def status_page() -> str:
    return PAGE
