from fastapi import FastAPI

app = FastAPI()


# @app.get answers GET only. api_route takes the list of methods; for HEAD the
# server sends the head GET would send (content-length included) and no body.
@app.api_route("/health", methods=["GET", "HEAD"])
def health() -> dict:
    return {"status": "ok"}
