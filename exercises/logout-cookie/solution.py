from fastapi import FastAPI, Response

app = FastAPI()


@app.post("/account/login")
def login(response: Response) -> dict:
    # The cookie belongs to /account only, and is sent over HTTPS only.
    response.set_cookie("session", "tok-ada", path="/account", secure=True, httponly=True)
    return {"ok": True}


# delete_cookie sends the cookie again, empty and already expired. A browser
# replaces a cookie only with the same name, path and domain, so repeat them.
@app.post("/account/logout")
def logout(response: Response) -> dict:
    response.delete_cookie("session", path="/account", secure=True, httponly=True)
    return {"ok": True}
