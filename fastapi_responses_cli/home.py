"""Where frcli keeps the learner's files: ``FRCLI_HOME``, else the user data folder.

The progress database (:mod:`.quiz.store`) and the content index (:mod:`.catalog`) live
there. Standard library only, so finding it costs nothing at start-up.
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    home = os.environ.get("FRCLI_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("frcli", appauthor=False))
