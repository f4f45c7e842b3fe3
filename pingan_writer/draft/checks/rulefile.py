"""Reading the editable rule files under resources/rules (TOML, data only), and the span test
both rule families use to let a listed phrase excuse a match inside it.

A broken file is reported as PinganError(path, "第 N 行：…") naming the line, so that a user who
edited it can find the mistake. tomllib reports syntax errors with their line; for a value that is
well-formed TOML but wrong (a missing key, a bad regex) the line is found from the text: the
line of the key in its [[rule]] table, or the table's header.
"""

from __future__ import annotations

import importlib.resources
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pingan_writer.errors import PinganError

_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def bundled_path(name: str) -> Path:
    """The file resources/rules/`name` as installed."""
    return Path(str(importlib.resources.files("pingan_writer.resources") / "rules" / name))


@dataclass(frozen=True, slots=True)
class RuleFile:
    path: Path
    data: dict[str, Any]
    lines: list[str]

    def fail(self, line: int, reason: str) -> PinganError:
        return PinganError(self.path, f"第 {line} 行：{reason}")

    def table_lines(self, name: str) -> list[int]:
        """1-based line of each [[name]] header, in order (the n-th table of the array is the n-th)."""
        header = re.compile(rf"^\s*\[\[\s*{re.escape(name)}\s*\]\]")
        return [i + 1 for i, line in enumerate(self.lines) if header.match(line)]

    def key_line(self, key: str, start: int = 1, stop: int | None = None) -> int:
        """The line assigning `key` between lines `start` and `stop`, else `start`."""
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for i in range(start, min(stop or len(self.lines), len(self.lines)) + 1):
            if pattern.match(self.lines[i - 1]):
                return i
        return start


def read_rule_file(path: Path) -> RuleFile:
    """Parse a rule file, or raise PinganError naming the file and the line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PinganError(path, f"无法读取规则文件（{exc.strerror or exc}）") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PinganError(path, f"第 {line} 行：不是 UTF-8 编码的文字") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE.search(str(exc))
        line = int(m.group(1)) if m else 1
        detail = _TOML_LINE.sub("", str(exc)).strip()
        raise PinganError(path, f"第 {line} 行：TOML 格式有误（{detail}）") from exc
    return RuleFile(path, data, text.splitlines())


T = TypeVar("T")


class Cache(Generic[T]):
    """Rules built from files, by path, rebuilt when the file's size or modification time changes,
    so an edited rules file takes effect on the next check without a restart."""

    def __init__(self, build: Callable[[RuleFile], T]) -> None:
        self._build = build
        self._entries: dict[Path, tuple[tuple[int, int], T]] = {}

    def get(self, path: Path) -> T:
        try:
            st = path.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = (-1, -1)  # let the read report the problem
        hit = self._entries.get(path)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        value = self._build(read_rule_file(path))
        self._entries[path] = (stamp, value)
        return value


def inside_any(text: str, start: int, end: int, phrases: tuple[str, ...]) -> bool:
    """Whether text[start:end] lies within an occurrence of one of `phrases`."""
    return any(
        len(p) >= end - start and text.find(p, max(0, end - len(p)), start + len(p)) != -1 for p in phrases
    )
