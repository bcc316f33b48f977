from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()

PAGE = "<h1>Down for maintenance</h1><p>Back in about five minutes.</p>"


# TODO: during maintenance this page answers 200 OK, so monitors and search
# engines think all is well. Keep the HTML, but answer 503 Service Unavailable
# with a Retry-After: 300 header.
@app.get("/", response_class=HTMLResponse)
def maintenance() -> str:
    return PAGE
