"""FastAPI demo apps, one module per topic (see README.md here).

``ORDER`` is the order a newcomer meets the demos in: the basics first, then the wire details.
It is content, read with ``ast`` like each demo's META; a demo missing from it comes last, in
alphabetical order. Adding a demo means adding its module here and its name to this list.
"""

ORDER = [
    "response-models",
    "serialization",
    "json-response",
    "custom-json",
    "status-codes",
    "additional-responses",
    "headers-cookies",
    "html",
    "plain-text",
    "response-classes",
    "redirects",
    "files",
    "conditional-requests",
    "streaming",
    "sse",
    "json-lines",
    "disconnects",
    "background-tasks",
    "errors",
    "exception-handlers",
    "middleware",
    "head-options",
    "gzip",
]
