from fastapi import FastAPI, Response
from pydantic import BaseModel

app = FastAPI()


class Login(BaseModel):
    username: str


# A cookie, but without httponly any script on the page reads it.
@app.post("/login")
def login(form: Login, response: Response) -> dict:
    response.set_cookie("session", f"tok-{form.username}")
    return {"ok": True}
