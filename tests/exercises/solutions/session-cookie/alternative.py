from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel

app = FastAPI()


class Login(BaseModel):
    username: str


@app.post("/login")
async def login(form: Login) -> JSONResponse:
    answer = JSONResponse({"ok": True})
    answer.set_cookie(key="session", value=f"tok-{form.username}", httponly=True, samesite="strict")
    return answer
