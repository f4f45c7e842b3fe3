"""Where the library lives: --library PATH, else $PINGAN_WRITER_LIBRARY, else the user's data
directory (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "pingan-writer"
ENV_VAR = "PINGAN_WRITER_LIBRARY"
FILE_NAME = "library.sqlite3"


def default_library_path() -> Path:
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / FILE_NAME


def resolve_library_path(explicit: str | os.PathLike[str] | None) -> Path:
    return Path(explicit).expanduser() if explicit else default_library_path()
