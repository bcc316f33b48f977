from fastapi import FastAPI

app = FastAPI()


# TODO: an uptime monitor checks this route with HEAD and gets 405 Method Not
# Allowed, so it reports the service as down. Answer HEAD as well (status and
# headers, never a body), and keep GET working as it is.
@app.get("/health")
def health() -> dict:
    return {"status": "ok"}
