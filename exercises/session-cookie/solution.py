from fastapi import FastAPI, Response
from pydantic import BaseModel

app = FastAPI()


class Login(BaseModel):
    username: str


def make_token(username: str) -> str:
    return f"tok-{username}"  # a real app signs a random value


# set_cookie on the injected Response adds a Set-Cookie header to the answer;
# httponly keeps the cookie away from page scripts (document.cookie).
@app.post("/login")
def login(form: Login, response: Response) -> dict:
    response.set_cookie("session", make_token(form.username), httponly=True)
    return {"ok": True}
