from fastapi import FastAPI, Response

app = FastAPI()


class XMLResponse(Response):
    media_type = "application/xml"


@app.get("/feed.xml", response_class=XMLResponse)
async def feed() -> str:
    title = "Release notes"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<rss version="2.0"><channel><title>{title}</title></channel></rss>'
    )
