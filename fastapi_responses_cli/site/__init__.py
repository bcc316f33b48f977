"""`frcli serve`'s web app: every demo under its own prefix, an index page and live pages.

``create_app`` (in :mod:`.app`) is the factory uvicorn imports, also under ``--reload``.
"""
