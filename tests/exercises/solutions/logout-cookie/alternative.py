from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()

COOKIE = {"key": "session", "path": "/account", "secure": True, "httponly": True}


@app.post("/account/login")
async def login() -> JSONResponse:
    answer = JSONResponse({"ok": True})
    answer.set_cookie(value="tok-ada", **COOKIE)
    return answer


@app.post("/account/logout")
async def logout() -> JSONResponse:
    answer = JSONResponse({"ok": True})
    answer.set_cookie(value="", max_age=0, **COOKIE)
    return answer
