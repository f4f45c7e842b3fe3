"""Standard formulations (formulation.*): official wordings that must be quoted exactly.

The rules live in an editable file, resources/rules/formulations.toml by default; its header
documents the schema. A rule lists the correct wording and what to look for: exact wrong strings,
regular expressions, or a series whose members must be listed in a fixed order (四个意识). A wrong
string inside an occurrence of the correct wording is not an error, which lets "新时代中国特色
社会主义思想" (missing 习近平) be a rule without flagging every correct mention.

Rules are data: strings and regular expressions, never code; messages take plain {placeholders}.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pingan_writer.draft.checks.rulefile import Cache, RuleFile, bundled_path, inside_any
from pingan_writer.draft.findings import SEVERITIES, Finding

RULES_FILE = "formulations.toml"
PREFIX = "formulation."

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_KEYS = {
    "id",
    "name",
    "correct",
    "severity",
    "message",
    "allow",
    "wrong",
    "wrong_regex",
    "series",
    "item",
    "separator",
    "min_overlap",
}
_DEFAULT_SEPARATOR = "[、，,]"


@dataclass(frozen=True, slots=True)
class Series:
    members: tuple[str, ...]
    longest_first: tuple[str, ...]  # for trimming words stuck to a run's ends
    run: re.Pattern[str]  # items joined by separators
    separator: re.Pattern[str]
    min_overlap: int


@dataclass(frozen=True, slots=True)
class FormulationRule:
    id: str  # the finding's rule id, formulation.<id in the file>
    name: str
    correct: str
    severity: str
    message: str
    allow: tuple[str, ...]  # the correct wording and the allowed contexts
    wrong: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    series: Series | None

    def finding(self, found: str, start: int, end: int) -> Finding:
        message = (
            self.message.replace("{correct}", self.correct)
            .replace("{name}", self.name)
            .replace("{found}", found)
        )
        return Finding(self.id, self.severity, message, start, end)


def _build(rules: RuleFile) -> tuple[FormulationRule, ...]:
    data = rules.data
    unknown = set(data) - {"version", "rule"}
    if unknown:
        key = sorted(unknown)[0]
        raise rules.fail(rules.key_line(key), f"不认识的键“{key}”（顶层只能有 version 和 [[rule]]）")
    if data.get("version", 1) != 1:
        raise rules.fail(rules.key_line("version"), "不支持的规则文件版本（应为 1）")
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise rules.fail(rules.key_line("rule"), "“rule”应写作 [[rule]] 表")
    headers = rules.table_lines("rule")
    built: list[FormulationRule] = []
    seen: set[str] = set()
    for i, table in enumerate(tables):
        start = headers[i] if i < len(headers) else 1
        stop = headers[i + 1] - 1 if i + 1 < len(headers) else None
        rule = _build_rule(rules, table, start, stop)
        if rule.id in seen:
            raise rules.fail(rules.key_line("id", start, stop), f"规则号“{rule.id}”重复")
        seen.add(rule.id)
        built.append(rule)
    return tuple(built)


def _build_rule(rules: RuleFile, table: dict, start: int, stop: int | None) -> FormulationRule:
    def fail(key: str | None, reason: str) -> Exception:
        return rules.fail(rules.key_line(key, start, stop) if key else start, reason)

    def text(key: str, required: bool = False) -> str | None:
        value = table.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value:
            raise fail(key if key in table else None, f"缺少“{key}”或它不是非空字符串")
        return value

    def strings(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(key, f"“{key}”应为非空字符串的列表")
        return tuple(value)

    def regex(key: str, pattern: str) -> re.Pattern[str]:
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise fail(key, f"“{key}”中的正则表达式“{pattern}”有误（{exc}）") from exc
        if compiled.fullmatch(""):
            raise fail(key, f"“{key}”中的正则表达式“{pattern}”能匹配空串")
        return compiled

    unknown = set(table) - _KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise fail(key, f"不认识的键“{key}”")
    rule_id = text("id", required=True) or ""
    if not _ID.fullmatch(rule_id):
        raise fail("id", f"规则号“{rule_id}”只能用小写字母、数字和连字符")
    correct = text("correct", required=True) or ""
    severity = text("severity", required=True) or ""
    if severity not in SEVERITIES:
        raise fail("severity", f"“severity”应为 error、warning 或 info，不能是“{severity}”")
    wrong = strings("wrong")
    patterns = tuple(regex("wrong_regex", p) for p in strings("wrong_regex"))
    members = strings("series")
    series = None
    if members:
        if len(members) < 2:
            raise fail("series", "“series”至少要有两个成员")
        item = regex("item", text("item") or "|".join(re.escape(m) for m in members))
        separator = regex("separator", text("separator") or _DEFAULT_SEPARATOR)
        min_overlap = table.get("min_overlap", max(2, len(members) - 1))
        if not isinstance(min_overlap, int) or isinstance(min_overlap, bool) or min_overlap < 2:
            raise fail("min_overlap", "“min_overlap”应为不小于 2 的整数")
        run = re.compile(f"(?:{item.pattern})(?:(?:{separator.pattern})(?:{item.pattern}))+")
        series = Series(members, tuple(sorted(members, key=len, reverse=True)), run, separator, min_overlap)
    elif any(k in table for k in ("item", "separator", "min_overlap")):
        raise fail(None, "“item”“separator”“min_overlap”只能和“series”一起用")
    if not (wrong or patterns or series):
        raise fail(None, "至少要有“wrong”“wrong_regex”“series”中的一项")
    default = "“{name}”的规范表述为“{correct}”，此处写作“{found}”。"
    return FormulationRule(
        PREFIX + rule_id,
        text("name") or correct,
        correct,
        severity,
        text("message") or default,
        (correct, *strings("allow")),
        wrong,
        patterns,
        series,
    )


_cache = Cache(_build)


def load_rules(path: Path | None = None) -> tuple[FormulationRule, ...]:
    """The rules of `path`, by default resources/rules/formulations.toml; PinganError if broken."""
    return _cache.get(path or bundled_path(RULES_FILE))


def check(text: str, path: Path | None = None) -> list[Finding]:
    findings: list[Finding] = []
    for rule in load_rules(path):
        findings.extend(_check_rule(text, rule))
    return findings


def _check_rule(text: str, rule: FormulationRule) -> Iterator[Finding]:
    spans: list[tuple[int, int]] = []
    for wrong in rule.wrong:
        pos = text.find(wrong)
        while pos != -1:
            spans.append((pos, pos + len(wrong)))
            pos = text.find(wrong, pos + 1)
    for pattern in rule.patterns:
        spans.extend(m.span() for m in pattern.finditer(text) if m.end() > m.start())
    reported: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if inside_any(text, start, end, rule.allow):
            continue
        if any(s <= start and end <= e for s, e in reported):
            continue  # one finding for overlapping variants of the same slip
        reported.append((start, end))
        yield rule.finding(text[start:end], start, end)
    if rule.series is not None:
        yield from _check_series(text, rule, rule.series)


def _check_series(text: str, rule: FormulationRule, series: Series) -> Iterator[Finding]:
    members = list(series.members)
    known = set(members)
    for run in series.run.finditer(text):
        if sum(m in run.group(0) for m in members) < series.min_overlap:
            continue  # most runs are ordinary lists (政治、经济、文化): skip them before splitting
        items = _items(run.group(0), run.start(), series.separator)
        # Words stuck to the ends belong to the sentence: 推进经济建设 starts the series at 经济建设.
        first_text, _, first_end = items[0]
        tail = next((m for m in series.longest_first if first_text.endswith(m)), None)
        if tail is not None:
            items[0] = (tail, first_end - len(tail), first_end)
        last_text, last_start, _ = items[-1]
        head = next((m for m in series.longest_first if last_text.startswith(m)), None)
        if head is not None:
            items[-1] = (head, last_start, last_start + len(head))
        # Items at the ends that are no members are the sentence around the series (核心价值观，富强…
        # starts with 值观) — unless the series is short without them: then they are wrong members.
        lo, hi = 0, len(items)
        while lo < hi and items[lo][0] not in known:
            lo += 1
        while hi > lo and items[hi - 1][0] not in known:
            hi -= 1
        while hi - lo < len(members) and (hi < len(items) or lo > 0):
            if hi < len(items):
                hi += 1
            else:
                lo -= 1
        names = [t for t, _, _ in items[lo:hi]]
        if sum(t in known for t in names) < series.min_overlap or _contains(names, members):
            continue
        start, end = items[lo][1], items[hi - 1][2]
        if not inside_any(text, start, end, rule.allow):
            yield rule.finding(text[start:end], start, end)


def _items(run: str, offset: int, separator: re.Pattern[str]) -> list[tuple[str, int, int]]:
    """(text, start, end) of each item of a series run."""
    items = []
    pos = 0
    for sep in separator.finditer(run):
        if sep.start() > pos:
            items.append((run[pos : sep.start()], offset + pos, offset + sep.start()))
        pos = sep.end()
    items.append((run[pos:], offset + pos, offset + len(run)))
    return items


def _contains(names: list[str], members: list[str]) -> bool:
    n = len(members)
    return any(names[i : i + n] == members for i in range(len(names) - n + 1))
