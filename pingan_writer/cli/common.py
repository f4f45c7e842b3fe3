"""What every command shares: JSON output, the --library option, a terminal progress bar, and
the types that check every numeric argument (a range, refused in Chinese, naming the option)."""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from pingan_writer.library.paths import ENV_VAR

if TYPE_CHECKING:
    from pingan_writer.library.store import Library

PROG = "pingan-writer"  # as in cli/__init__.py, which must not import this module at start-up
EXIT_BAD_INPUT = 2

RATE_RANGE = (60, 400)  # 字/分钟, as `timing --rate` takes: slower or faster than anyone speaks
MINUTES_RANGE = (1.0, 120.0)  # target speaking time, as the app's wizard and preferences allow
LIMIT_RANGE = (1, 1000)  # search and related results
TOP_RANGE = (1, 200)  # keywords per source or section
ID_RANGE = (1, 2**63 - 1)  # library ids are SQLite rowids


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


def number_in(low: float, high: float, unit: str = "") -> Callable[[str], float]:
    """An argparse type: a finite number from `low` to `high` (nan, inf and 1e308 refused)."""

    def parse(raw: str) -> float:
        try:
            value = float(raw)
        except ValueError:
            raise argparse.ArgumentTypeError(f"“{raw}”不是数字") from None
        if not (math.isfinite(value) and low <= value <= high):
            raise argparse.ArgumentTypeError(f"应在 {low:g}–{high:g}{unit or ' '}之间（现为 {raw[:20]}）")
        return value

    return parse


def integer_in(low: int, high: int, unit: str = "") -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`."""

    def parse(raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:  # also past Python's 4300-digit limit
            raise argparse.ArgumentTypeError(f"“{raw[:20]}”不是整数") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"应在 {low}–{high}{unit or ' '}之间（现为 {raw[:20]}）")
        return value

    return parse


rate_arg = number_in(*RATE_RANGE, " 字/分钟")
minutes_arg = number_in(*MINUTES_RANGE, " 分钟")
limit_arg = integer_in(*LIMIT_RANGE)
top_arg = integer_in(*TOP_RANGE)
id_arg = integer_in(*ID_RANGE)
