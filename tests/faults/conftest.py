import shutil
import tempfile
from pathlib import Path

import pytest

from tests.conftest import seed_home


@pytest.fixture
def home(warm_index):
    """A FRCLI_HOME an unprivileged child can use: pytest's own tmp folders are root-only."""
    base = Path(tempfile.mkdtemp(prefix="frcli-faults-"))
    base.chmod(0o777)
    home = base / "home"
    seed_home(home, warm_index)
    home.chmod(0o777)
    (home / warm_index.name).chmod(0o666)
    yield home
    for p in [base, *base.rglob("*")]:  # undo any chmod a case made, then remove it all
        if not p.is_symlink():
            p.chmod(0o777 if p.is_dir() else 0o666)
    shutil.rmtree(base, ignore_errors=True)
