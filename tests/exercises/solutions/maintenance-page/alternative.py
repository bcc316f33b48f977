from fastapi import FastAPI, Response
from fastapi.responses import HTMLResponse

app = FastAPI()

PAGE = "<h1>Down for maintenance</h1><p>Back in about five minutes.</p>"


@app.get("/", response_class=HTMLResponse, status_code=503)
async def maintenance(response: Response) -> str:
    response.headers["Retry-After"] = "300"
    return PAGE
