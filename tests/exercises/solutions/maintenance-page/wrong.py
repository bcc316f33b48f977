from fastapi import FastAPI, HTTPException

app = FastAPI()

PAGE = "<h1>Down for maintenance</h1><p>Back in about five minutes.</p>"


# A 503 with the header, but an HTTPException sends its detail as JSON.
@app.get("/")
def maintenance() -> None:
    raise HTTPException(status_code=503, detail=PAGE, headers={"Retry-After": "300"})
