from fastapi import FastAPI, Response

app = FastAPI()

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Release notes</title></channel></rss>"""


# A plain Response sends the content as it is, under the media type you name.
@app.get("/feed.xml")
def feed() -> Response:
    return Response(FEED, media_type="application/xml")
