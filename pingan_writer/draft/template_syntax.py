"""The low-level syntax of template files: the `{name}` placeholder scanner, and finding the
line of a file that a problem belongs to (for TOML syntax errors, keys and body text).

The scanner is deliberately tiny and is the only thing that ever reads a template body:
`{name}` with `name` made of lowercase ASCII letters and underscores (not starting with an
underscore) is a placeholder; `{{` and `}}` are literal braces; any other brace is an error.
Nothing is evaluated, so a template cannot reach Python objects the way `str.format`
(`{0.__class__}`) or Jinja could.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

# `{{` and `}}` come first so that `{{name}}` is literal text, as in str.format.
_TOKEN_RE = re.compile(r"\{\{|\}\}|\{([a-z_]+)\}|[{}]")
NAME_RE = re.compile(r"[a-z][a-z_]*")


@dataclass(frozen=True, slots=True)
class Piece:
    """Literal text, or a placeholder (`text` is then its name); `pos` is its offset in the body."""

    text: str
    is_placeholder: bool
    pos: int


class BraceError(ValueError):
    """A brace in a body that is neither a placeholder nor an escaped literal."""

    def __init__(self, pos: int, token: str, reason: str) -> None:
        super().__init__(reason)
        self.pos = pos
        self.token = token
        self.reason = reason


def is_valid_name(name: str) -> bool:
    return NAME_RE.fullmatch(name) is not None


def scan(body: str) -> list[Piece]:
    """Split `body` into literal and placeholder pieces; raise BraceError on a bad brace."""
    pieces: list[Piece] = []
    literal: list[str] = []
    literal_start = 0
    pos = 0

    def flush(upto: int) -> None:
        nonlocal literal_start
        if literal:
            pieces.append(Piece("".join(literal), False, literal_start))
            literal.clear()
        literal_start = upto

    for m in _TOKEN_RE.finditer(body):
        literal.append(body[pos : m.start()])
        token = m.group(0)
        if token == "{{":
            literal.append("{")
        elif token == "}}":
            literal.append("}")
        elif m.group(1) is not None:
            name = m.group(1)
            if not is_valid_name(name):
                raise BraceError(
                    m.start(), token, f"占位符 {token} 不合法：占位符名须以小写英文字母开头，不能以下划线开头"
                )
            flush(m.start())
            pieces.append(Piece(name, True, m.start()))
            literal_start = m.end()
        elif token == "{":
            shown = _brace_context(body, m.start())
            raise BraceError(
                m.start(),
                shown,
                f"“{shown}”不是合法的占位符：占位符名只能由小写英文字母和下划线组成，如 {{speaker}}，"
                "不支持数字、运算或属性访问；如需原样输出花括号，请写成 {{ 和 }}",
            )
        else:
            raise BraceError(m.start(), "}", "多余的“}”：如需原样输出右花括号，请写成 }}")
        pos = m.end()
    literal.append(body[pos:])
    flush(len(body))
    return [p for p in pieces if p.is_placeholder or p.text]


def _brace_context(body: str, start: int) -> str:
    """The text from a bad `{` to its `}` on the same line (short), else just the `{`."""
    end = body.find("}", start)
    if end != -1 and end - start <= 30 and "\n" not in body[start:end]:
        return body[start : end + 1]
    return "{"


def line_of(text: str, offset: int) -> int:
    """1-based line number of `offset` in `text`."""
    return text.count("\n", 0, offset) + 1


def key_line(text: str, key: str, table: str | None = None) -> int | None:
    """The line where `key` is assigned (top level, or inside `[table]` or as `table.key`)."""
    quoted = rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"
    lo = 0
    if table is not None:
        dotted = re.search(rf"(?m)^[ \t]*{re.escape(table)}[ \t]*\.[ \t]*{quoted}[ \t]*=", text)
        if dotted:
            return line_of(text, dotted.start())
        header = re.search(rf"(?m)^[ \t]*\[[ \t]*{re.escape(table)}[ \t]*\]", text)
        if header is None:
            return None
        lo = header.end()
    m = re.compile(rf"(?m)^[ \t]*{quoted}[ \t]*=").search(text, lo)
    return line_of(text, m.start()) if m else None


def line_in_value(text: str, after_line: int | None, value: str, pos: int, token: str) -> int | None:
    """The file line of `token` found at `pos` in a string `value` assigned on `after_line`.

    The token is the n-th of its kind in the value, so it is the n-th in the file text after the
    key: braces and placeholder names are never escaped, so they appear verbatim in the file."""
    if after_line is None:
        return None
    start = 0
    for _ in range(after_line - 1):
        start = text.find("\n", start) + 1
    nth = value.count(token, 0, pos)
    found = start - len(token)
    for _ in range(nth + 1):
        found = text.find(token, found + len(token))
        if found == -1:
            # Not verbatim (written with escapes?): count lines inside the value instead.
            return after_line + value.count("\n", 0, pos)
    return line_of(text, found)


# tomllib's messages are English; the people using the app read Chinese. Unlisted messages
# keep their English text after a Chinese lead-in.
_TOML_MESSAGES = [
    ("Invalid value", "值的写法不对（文字要用引号包起来）"),
    ("Expected '=' after a key", "键后面缺少“=”"),
    ("Invalid statement", "无法识别的内容"),
    ("Cannot overwrite a value", "同一个键写了两次"),
    ("Cannot declare", "同一个表写了两次"),
    ("Unclosed array", "列表缺少右方括号“]”"),
    ("Unclosed inline table", "内联表缺少右花括号“}”"),
    ("Unterminated string", "字符串缺少结束引号"),
    ("Expected \"'''\"", "多行字符串缺少结束的 '''"),
    ('Expected \'"""\'', '多行字符串缺少结束的 """'),
    ("Illegal character", "字符串中有不允许的字符（单行字符串不能换行，多行文字请用 ''' 包起来）"),
    ("Unescaped '\\' in a string", "字符串中的反斜杠“\\”未转义（可改用 ''' 包起来的字面字符串）"),
    ("Invalid initial character for a key part", "键名的第一个字符不合法"),
    ("Expected newline or end of document after a statement", "一行只能写一个键值对"),
]
_TOML_POSITION_RE = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)$")


def toml_error(text: str, err: tomllib.TOMLDecodeError) -> tuple[int, str]:
    """The line and a Chinese reason for a TOML syntax error in `text`."""
    message = str(err)
    m = _TOML_POSITION_RE.search(message)
    english = message[: m.start()] if m else message
    chinese = next((zh for en, zh in _TOML_MESSAGES if english.startswith(en)), None)
    reason = f"TOML 格式错误：{chinese}" if chinese else f"TOML 格式错误（{english}）"
    if m and m.group(1):
        return int(m.group(1)), f"{reason}（第 {m.group(2)} 列）"
    return _end_of_document_line(text, english), reason


def _end_of_document_line(text: str, english: str) -> int:
    """tomllib reports some errors only 'at end of document'; point at their likely cause."""
    if english.startswith(("Unterminated string", "Expected")):
        # An unclosed multi-line string: its opening delimiter is the last one in the file.
        opening = max(text.rfind("'''"), text.rfind('"""'))
        if opening != -1:
            return line_of(text, opening)
    if english.startswith("Cannot overwrite"):
        duplicate = _duplicate_key_line(text)
        if duplicate is not None:
            return duplicate
    return max(1, len(text.rstrip().splitlines()))


def _duplicate_key_line(text: str) -> int | None:
    seen: set[tuple[str, str]] = set()
    table = ""
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"[ \t]*\[([^\]]+)\]", line)
        if header:
            table = header.group(1).strip()
            continue
        key = re.match(r"[ \t]*([A-Za-z0-9_-]+)[ \t]*=", line)
        if key:
            if (table, key.group(1)) in seen:
                return number
            seen.add((table, key.group(1)))
    return None
