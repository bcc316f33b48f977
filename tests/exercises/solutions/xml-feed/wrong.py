from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI()

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Release notes</title></channel></rss>"""


# The document as it is, but labelled as plain text.
@app.get("/feed.xml", response_class=PlainTextResponse)
def feed() -> str:
    return FEED
