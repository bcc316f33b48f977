from fastapi import FastAPI, Response

app = FastAPI()


@app.post("/account/login")
def login(response: Response) -> dict:
    response.set_cookie("session", "tok-ada", path="/account", secure=True, httponly=True)
    return {"ok": True}


# Emptied, on the right path, but not expired: the browser keeps an empty session cookie.
@app.post("/account/logout")
def logout(response: Response) -> dict:
    response.set_cookie("session", "", path="/account", secure=True, httponly=True)
    return {"ok": True}
