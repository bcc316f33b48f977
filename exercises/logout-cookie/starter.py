from fastapi import FastAPI, Response

app = FastAPI()


@app.post("/account/login")
def login(response: Response) -> dict:
    # The cookie belongs to /account only, and is sent over HTTPS only.
    response.set_cookie("session", "tok-ada", path="/account", secure=True, httponly=True)
    return {"ok": True}


# TODO: after logout the browser keeps sending the session cookie: this
# deletes a cookie named session for the path /, not the one login set.
# Delete the cookie that login set.
@app.post("/account/logout")
def logout(response: Response) -> dict:
    response.delete_cookie("session")
    return {"ok": True}
