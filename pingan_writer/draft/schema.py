"""The .pingan draft schema, checked at the door.

A draft file comes from disk, where anything can happen to it: a crash mid-copy, a hand edit, a
file that only looks like ours. Everything the rest of the app relies on — types, ranges, quote
offsets inside the text, a bounded nesting depth — is checked here, before a Draft is built, so
a bad file is refused with one Chinese message naming the field, and never reaches the editor,
the checks or the export half-understood.

A quote whose recorded `text` no longer matches the draft at its range is not an error: that is
drift, which the app shows (a red wavy underline) and `check` reports."""

from __future__ import annotations

import json
import math
import re
from typing import Any

FORMAT_NAME = "pingan-draft"
FORMAT_VERSION = 1
MAX_JSON_DEPTH = 32  # the schema itself needs 4 (draft › quotes › quote › node)
MINUTES_RANGE = (1.0, 120.0)  # as the app's wizard and preferences allow
MAX_OFFSET = 2**31 - 1  # far past any source the readers accept (32 MB of text)
MAX_ID = 2**63 - 1  # SQLite's largest integer: library ids are rowids

_META_STRINGS = ("title", "speaker", "meeting", "date", "template")
_TOP_KEYS = {"format", "version", "meta", "sources", "quotes", "rehearsals", "lines"}
_REHEARSAL_KEYS = {"started", "rate", "sections"}
_RUN_KEYS = {"number", "title", "characters", "planned_seconds", "actual_seconds"}
MAX_SECONDS = 24 * 3600  # a section read for longer than a day is not a rehearsal
_META_KEYS = {*_META_STRINGS, "target_minutes"}
_SOURCE_KEYS = {"id", "title", "path", "library_id"}
_QUOTE_KEYS = {"start", "end", "source", "source_title", "node", "source_start", "source_end", "text", "page"}
_QUOTE_REQUIRED = _QUOTE_KEYS - {"page"}

# json's own words (English), in Chinese for the message.
_JSON_MESSAGES = (
    ("Expecting value", "此处缺少值"),
    ("Expecting ',' delimiter", "缺少逗号"),
    ("Expecting ':' delimiter", "缺少冒号"),
    ("Expecting property name", "字段名应加双引号"),
    ("Unterminated string", "引号没有结束"),
    ("Extra data", "结尾有多余内容"),
    ("Invalid control character", "含有控制字符"),
    ("Invalid \\escape", "转义符无效"),
    ("Invalid \\uXXXX escape", "转义符无效"),
)

# A JSON string (skipped whole, so brackets inside text do not count) or a bracket.
_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


class SchemaError(ValueError):
    """What is wrong with a draft's data, in Chinese; the loader adds the file name."""


def parse_json(raw: str) -> Any:
    """The JSON in `raw`, refusing what json.loads would crash on or accept too readily: nesting
    deeper than MAX_JSON_DEPTH (checked first, so the parser never recurses that deep), numbers
    of more digits than Python converts, NaN and Infinity. Raises SchemaError."""
    line = _too_deep_at(raw)
    if line is not None:
        raise SchemaError(f"第 {line} 行：嵌套超过 {MAX_JSON_DEPTH} 层，不是有效的稿件文件")
    try:
        return json.loads(raw, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        what = next((zh for en, zh in _JSON_MESSAGES if exc.msg.startswith(en)), "格式不对")
        raise SchemaError(f"第 {exc.lineno} 行：稿件格式错误（{what}），文件可能已损坏") from None
    except (ValueError, RecursionError):
        # Python refuses integers of more than 4300 digits (and our constant hook raises here).
        raise SchemaError("含有无法读取的数值（位数过多或非数字），文件可能已损坏") from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def _too_deep_at(raw: str) -> int | None:
    """The line where brackets outside strings first nest deeper than MAX_JSON_DEPTH, or None."""
    depth = 0
    for m in _STRUCTURE.finditer(raw):
        c = m.group()
        if c == "[" or c == "{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return raw.count("\n", 0, m.start()) + 1
        elif c == "]" or c == "}":
            depth -= 1
    return None


def validate(data: Any) -> dict[str, Any]:
    """Check a parsed draft against the schema; return it with optional parts filled in
    (meta {}, sources [], quotes []). Raises SchemaError naming the first field that is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise SchemaError(f"不是平安写作稿件（缺少 format: {FORMAT_NAME}）")
    _check_version(data)
    try:
        return _check_content(data)
    except SchemaError as exc:
        raise SchemaError(f"稿件内容不完整或字段有误：{exc}") from None


def _check_content(data: dict[str, Any]) -> dict[str, Any]:
    _no_unknown(data, _TOP_KEYS, "")
    if "lines" not in data:
        raise SchemaError("缺少 lines（稿件正文）")
    lines = _list(data["lines"], "lines")
    for n, line in enumerate(lines, 1):
        if not isinstance(line, str):
            raise SchemaError(f"lines 的第 {n} 行不是字符串")
    text_length = sum(len(line) for line in lines) + max(0, len(lines) - 1)
    meta = _mapping(data.get("meta", {}), "meta")
    _check_meta(meta)
    sources = _list(data.get("sources", []), "sources")
    for n, source in enumerate(sources, 1):
        _check_source(source, f"第 {n} 条原文记录")
    quotes = _list(data.get("quotes", []), "quotes")
    for n, quote in enumerate(quotes, 1):
        _check_quote(quote, f"第 {n} 条引文", text_length)
    rehearsals = _list(data.get("rehearsals", []), "rehearsals")
    for n, rehearsal in enumerate(rehearsals, 1):
        _check_rehearsal(rehearsal, f"第 {n} 次排练记录")
    return {**data, "meta": meta, "sources": sources, "quotes": quotes, "rehearsals": rehearsals}


def _check_rehearsal(rehearsal: Any, where: str) -> None:
    rehearsal = _mapping(rehearsal, where)
    _no_unknown(rehearsal, _REHEARSAL_KEYS, where)
    for key in sorted(_REHEARSAL_KEYS):
        _required(rehearsal, key, where)
    if not isinstance(rehearsal["started"], str):
        raise SchemaError(f"{where}的 started 不是字符串")
    _int_in(rehearsal["rate"], 1, 10_000, f"{where}的 rate")
    for n, run in enumerate(_list(rehearsal["sections"], f"{where}的 sections"), 1):
        at = f"{where}第 {n} 节"
        run = _mapping(run, at)
        _no_unknown(run, _RUN_KEYS, at)
        for key in sorted(_RUN_KEYS):
            _required(run, key, at)
        for key in ("number", "title"):
            if not isinstance(run[key], str):
                raise SchemaError(f"{at}的 {key} 不是字符串")
        _int_in(run["characters"], 0, MAX_OFFSET, f"{at}的 characters")
        for key in ("planned_seconds", "actual_seconds"):
            value = run[key]
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= MAX_SECONDS:
                raise SchemaError(f"{at}的 {key} 不是 0–{MAX_SECONDS} 之间的秒数（{_show(value)}）")


def _check_version(data: dict[str, Any]) -> None:
    if "version" not in data:
        raise SchemaError("不是有效的稿件文件：缺少版本号")
    version = data["version"]
    if not _is_int(version):
        raise SchemaError(f"不是有效的稿件文件：版本号不是整数（{_show(version)}）")
    if version < 1:
        raise SchemaError(f"不是有效的稿件文件：版本号 {_show(version)} 无效（从 1 开始）")
    if version > FORMAT_VERSION:
        raise SchemaError(f"稿件由更新版本的平安写作保存（格式版本 {_show(version)}），请升级后再打开")


def _check_meta(meta: dict[str, Any]) -> None:
    _no_unknown(meta, _META_KEYS, "meta")
    for key in _META_STRINGS:
        if key in meta and not isinstance(meta[key], str):
            raise SchemaError(f"meta 的 {key} 不是字符串")
    minutes = meta.get("target_minutes")
    if minutes is None:
        return
    if isinstance(minutes, bool) or not isinstance(minutes, int | float):
        raise SchemaError(f"meta 的 target_minutes 不是数字（{_show(minutes)}）")
    low, high = MINUTES_RANGE
    if not (math.isfinite(minutes) and low <= minutes <= high):
        raise SchemaError(f"meta 的 target_minutes 应在 {low:g}–{high:g} 分钟之间（现为 {_show(minutes)}）")


def _check_source(source: Any, where: str) -> None:
    source = _mapping(source, where)
    _no_unknown(source, _SOURCE_KEYS, where)
    for key in ("id", "title"):
        _required(source, key, where)
        if not isinstance(source[key], str):
            raise SchemaError(f"{where}的 {key} 不是字符串")
    if source.get("path") is not None and not isinstance(source["path"], str):
        raise SchemaError(f"{where}的 path 不是字符串")
    library_id = source.get("library_id")
    if library_id is not None:
        _int_in(library_id, 1, MAX_ID, f"{where}的 library_id")


def _check_quote(quote: Any, where: str, text_length: int) -> None:
    quote = _mapping(quote, where)
    _no_unknown(quote, _QUOTE_KEYS, where)
    for key in sorted(_QUOTE_REQUIRED):
        _required(quote, key, where)
    for key in ("source", "source_title", "text"):
        if not isinstance(quote[key], str):
            raise SchemaError(f"{where}的 {key} 不是字符串")
    node = quote["node"]
    if not isinstance(node, list) or not all(isinstance(part, str) for part in node):
        raise SchemaError(f"{where}的 node 不是字符串列表")
    start = _int_in(quote["start"], 0, text_length, f"{where}的 start", f"稿件正文共 {text_length} 字符")
    end = _int_in(quote["end"], 0, text_length, f"{where}的 end", f"稿件正文共 {text_length} 字符")
    if end < start:
        raise SchemaError(f"{where}的 end（{end}）小于 start（{start}）")
    source_start = _int_in(quote["source_start"], 0, MAX_OFFSET, f"{where}的 source_start")
    source_end = _int_in(quote["source_end"], 0, MAX_OFFSET, f"{where}的 source_end")
    if source_end < source_start:
        raise SchemaError(f"{where}的 source_end（{source_end}）小于 source_start（{source_start}）")
    if quote.get("page") is not None:
        _int_in(quote["page"], 1, MAX_OFFSET, f"{where}的 page")


def _int_in(value: Any, low: int, high: int, what: str, context: str = "") -> int:
    if not _is_int(value):
        raise SchemaError(f"{what} 不是整数（{_show(value)}）")
    if not low <= value <= high:
        extra = f"，{context}" if context else ""
        raise SchemaError(f"{what}（{_show(value)}）超出范围（应在 {low}–{high} 之间{extra}）")
    return value


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)  # JSON true is not 1


def _mapping(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SchemaError(f"{what} 不是对象（应为 {{…}}，现为{_kind(value)}）")
    return value


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise SchemaError(f"{what} 不是列表（应为 […]，现为{_kind(value)}）")
    return value


def _required(mapping: dict[str, Any], key: str, where: str) -> None:
    if key not in mapping:
        raise SchemaError(f"{where}缺少 {key}")


def _no_unknown(mapping: dict[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(k for k in mapping if k not in known)
    if unknown:
        names = "、".join(f"“{k[:20]}”" for k in unknown[:3])
        raise SchemaError(f"{where + ' ' if where else ''}含有未知字段 {names}，文件可能已损坏或来自其他程序")


def _kind(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, int | float):
        return "数字"
    if isinstance(value, str):
        return "字符串"
    if isinstance(value, list):
        return "列表"
    return "对象"


def _show(value: Any) -> str:
    """A value as a message shows it: short, whatever its size."""
    if _is_int(value) and abs(value) >= 10**12:
        return "过大的整数"
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, float) else repr(value)
    return text if len(text) <= 20 else text[:20] + "…"
