from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI()


# response_class decides how the returned str is sent: as it is, text/plain.
@app.get("/ping", response_class=PlainTextResponse)
def ping() -> str:
    return "pong"
