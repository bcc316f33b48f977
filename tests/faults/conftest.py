import shutil
import tempfile
from pathlib import Path

import pytest


@pytest.fixture
def home():
    """A FRCLI_HOME an unprivileged child can use: pytest's own tmp folders are root-only."""
    base = Path(tempfile.mkdtemp(prefix="frcli-faults-"))
    base.chmod(0o777)
    home = base / "home"
    home.mkdir()
    home.chmod(0o777)
    yield home
    for p in [base, *base.rglob("*")]:  # undo any chmod a case made, then remove it all
        if not p.is_symlink():
            p.chmod(0o777 if p.is_dir() else 0o666)
    shutil.rmtree(base, ignore_errors=True)
