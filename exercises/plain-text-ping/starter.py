from fastapi import FastAPI

app = FastAPI()


# TODO: the load balancer expects the bare word pong as plain text, but this
# answer is JSON: the word arrives in quotes, as application/json. Send plain text.
@app.get("/ping")
def ping() -> str:
    return "pong"
