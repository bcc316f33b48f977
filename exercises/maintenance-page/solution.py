from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()

PAGE = "<h1>Down for maintenance</h1><p>Back in about five minutes.</p>"


# A returned HTMLResponse is sent exactly as built: status, headers and all.
@app.get("/")
def maintenance() -> HTMLResponse:
    return HTMLResponse(PAGE, status_code=503, headers={"Retry-After": "300"})
