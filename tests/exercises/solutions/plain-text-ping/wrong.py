from fastapi import FastAPI, Response

app = FastAPI()


# The body is right, but a bare Response sends no content-type at all.
@app.get("/ping")
def ping() -> Response:
    return Response("pong")
