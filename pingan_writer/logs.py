"""The app's log file: where errors go so that none is lost, even when no terminal is watching.

One UTF-8 file in the platform's user log folder (on Linux
~/.local/state/pingan-writer/log/pingan-writer.log), INFO and above, with Python warnings
routed into it. It is rotated when the app starts (past MAX_BYTES it becomes .1, .1 becomes .2,
…, BACKUPS kept) rather than while it runs: one session writes far less than that, and
logging.handlers with its socket and pickle imports would cost the start-up ~9 ms. No Qt here:
the CLI may set it up too."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import platformdirs

APP_NAME = "pingan-writer"
FILE_NAME = "pingan-writer.log"
HANDLER_NAME = "pingan-writer-file"  # how setup_logging finds its own handler again
MAX_BYTES = 1_000_000
BACKUPS = 3  # a few rotated files: enough history for a bug report, never a full disk
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path | None:
    """The file the root logger writes to, once setup_logging has run."""
    handler = _own_handler()
    return Path(handler.baseFilename) if handler is not None else None


def setup_logging(log_dir: Path | None = None) -> Path:
    """Send INFO and above (and warnings) to the log file, rotated first; return its path.

    Calling it again replaces the earlier file handler rather than adding a second one. If the
    folder cannot be created, the log goes to the system's temporary folder instead: start-up
    never fails because of logging."""
    folder = Path(log_dir) if log_dir is not None else default_log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = _make_handler(folder / FILE_NAME)
    except OSError:
        import tempfile

        fallback = Path(tempfile.gettempdir()) / APP_NAME
        fallback.mkdir(parents=True, exist_ok=True)
        handler = _make_handler(fallback / FILE_NAME)
    root = logging.getLogger()
    old = _own_handler()
    if old is not None:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    if root.level > logging.INFO:  # the default WARNING would drop the start-up record
        root.setLevel(logging.INFO)
    logging.captureWarnings(True)
    return Path(handler.baseFilename)


def shutdown_logging() -> None:
    """Remove and close the file handler (tests, and embedders that set up their own logging)."""
    handler = _own_handler()
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()
    logging.captureWarnings(False)


def rotate(path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
    """If `path` has grown past `max_bytes`, shift it to .1 (and .1 to .2, …, dropping the
    oldest). A file that cannot be moved is left to grow: logging must not stop the app."""
    try:
        if path.stat().st_size <= max_bytes:
            return
        for i in range(backups - 1, 0, -1):
            older = path.with_name(f"{path.name}.{i}")
            if older.exists():
                os.replace(older, path.with_name(f"{path.name}.{i + 1}"))
        os.replace(path, path.with_name(f"{path.name}.1"))
    except OSError:
        return


def _make_handler(path: Path) -> logging.FileHandler:
    rotate(path)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.set_name(HANDLER_NAME)
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter(FORMAT))
    return handler


def _own_handler() -> logging.FileHandler | None:
    for handler in logging.getLogger().handlers:
        if handler.get_name() == HANDLER_NAME and isinstance(handler, logging.FileHandler):
            return handler
    return None
