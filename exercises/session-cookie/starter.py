from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Login(BaseModel):
    username: str


def make_token(username: str) -> str:
    return f"tok-{username}"  # a real app signs a random value


# TODO: the session token comes back in the JSON body, where any script on the
# page can read it. Send it as a cookie named session that scripts cannot read,
# and answer just {"ok": true}.
@app.post("/login")
def login(form: Login) -> dict:
    return {"ok": True, "token": make_token(form.username)}
