from fastapi import FastAPI

app = FastAPI()

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Release notes</title></channel></rss>"""


# TODO: feed readers get this document as a JSON string, quotes and escapes
# included. Send the XML as it is, with the media type application/xml.
@app.get("/feed.xml")
def feed() -> str:
    return FEED
