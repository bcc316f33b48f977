from fastapi import FastAPI, Response

app = FastAPI()

PAGE = """<html>
  <body>
    <h1>Service is healthy</h1>
    <p>Version: 1.0.0</p>
  </body>
</html>"""


# The content-type header is added, but the str is still encoded as JSON.
@app.get("/status")
def status_page(response: Response) -> str:
    response.headers["content-type"] = "text/html"
    return PAGE
