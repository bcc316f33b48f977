"""One thin module per command, named as the learner types it (``frcli list`` is ``list.py``).

Each module resolves its arguments, calls the engine and prints. ``cli.py`` only wires them to
Typer; heavy imports (FastAPI, uvicorn, httpx, rich) happen inside the functions here.
"""
