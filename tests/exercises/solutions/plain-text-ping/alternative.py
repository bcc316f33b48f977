from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI()


@app.get("/ping")
def ping() -> PlainTextResponse:
    return PlainTextResponse("pong")
