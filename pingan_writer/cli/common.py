"""What every command shares: JSON output, the --library option, a terminal progress bar."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, TextIO

from pingan_writer.library.paths import ENV_VAR

if TYPE_CHECKING:
    from pingan_writer.library.store import Library

PROG = "pingan-writer"  # as in cli/__init__.py, which must not import this module at start-up
EXIT_BAD_INPUT = 2


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def add_library_option(parser: argparse.ArgumentParser, on_main: bool = False) -> None:
    # On the main parser it sets the default; on a subcommand it only overrides when given,
    # so both `pingan-writer --library X search …` and `pingan-writer search … --library X` work.
    parser.add_argument(
        "--library",
        metavar="PATH",
        default=None if on_main else argparse.SUPPRESS,
        help=f"资料库文件（默认：环境变量 {ENV_VAR}，否则用户数据目录）",
    )


def open_library(args: argparse.Namespace) -> Library:
    from pingan_writer.library.store import Library

    return Library.open(getattr(args, "library", None))


class ProgressBar:
    """A one-line bar on stderr, drawn only when stderr is a terminal."""

    WIDTH = 28

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self._last = ""

    def update(self, fraction: float, label: str) -> None:
        if not self.enabled:
            return
        filled = int(self.WIDTH * max(0.0, min(1.0, fraction)))
        line = f"\r[{'#' * filled}{'-' * (self.WIDTH - filled)}] {fraction * 100:3.0f}% {label[:40]}"
        if line != self._last:
            self.stream.write(line.ljust(80))
            self.stream.flush()
            self._last = line

    def close(self) -> None:
        if self.enabled and self._last:
            self.stream.write("\r" + " " * 80 + "\r")
            self.stream.flush()
