"""FastAPI demo apps, one module per topic (see README.md here).

``ORDER`` is the order a newcomer meets the demos in: the basics first, then the wire details.
It is content, read with ``ast`` like each demo's META; a demo missing from it comes last, in
alphabetical order. Adding a demo means adding its module here and its name to this list.
"""

ORDER = [
    "response-models",
    "json-response",
    "custom-json",
    "status-codes",
    "headers-cookies",
    "html",
    "plain-text",
    "response-classes",
    "redirects",
    "files",
    "streaming",
    "sse",
    "json-lines",
    "background-tasks",
    "errors",
    "head-options",
    "gzip",
]
