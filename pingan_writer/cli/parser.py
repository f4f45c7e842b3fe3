"""An ArgumentParser that speaks Chinese: usage errors as one line naming the option, help with
Chinese headings. argparse's own words are English whatever the locale, and a usage error is
bad input like any other (exit code 2, one line on stderr)."""

from __future__ import annotations

import argparse
import re
from typing import NoReturn

_HELP_WORDS = (
    ("usage: ", "用法："),
    ("positional arguments:", "位置参数："),
    ("options:", "选项："),
    ("show this help message and exit", "显示此帮助并退出"),
    ("show program's version number and exit", "显示版本号并退出"),
)

# argparse's messages (Python 3.11), most specific first.
_INNER = (
    (re.compile(r"invalid int value: (?P<v>.*)"), "{v} 不是整数"),
    (re.compile(r"invalid float value: (?P<v>.*)"), "{v} 不是数字"),
    (re.compile(r"invalid \S+ value: (?P<v>.*)"), "{v} 不是有效的值"),
    (
        re.compile(r"invalid choice: (?P<v>.*?) \(choose from (?P<c>.*)\)", re.S),
        "{v} 不是可选值（可选：{c}）",
    ),
    (re.compile(r"expected one argument"), "需要一个值"),
    (re.compile(r"expected at most one argument"), "最多只能有一个值"),
    (re.compile(r"expected at least one argument"), "至少需要一个值"),
    (re.compile(r"not allowed with argument (?P<o>.*)"), "不能与参数 {o} 同时使用"),
    (re.compile(r"ignored explicit argument (?P<v>.*)"), "不接受值 {v}"),
)
_OUTER = (
    (re.compile(r"argument (?P<a>[^:]+): (?P<m>.*)", re.S), None),
    (re.compile(r"the following arguments are required: (?P<a>.*)"), "缺少参数：{a}"),
    (re.compile(r"unrecognized arguments: (?P<a>.*)"), "无法识别的参数：{a}"),
    (re.compile(r"one of the arguments (?P<a>.*) is required"), "参数 {a} 必须给出其中一个"),
    (re.compile(r"ambiguous option: (?P<o>\S+) could match (?P<m>.*)"), "选项 {o} 有歧义，可能是：{m}"),
)


def chinese_message(message: str) -> str:
    """argparse's error `message` in Chinese (unknown ones unchanged), on one line."""
    for pattern, template in _OUTER:
        m = pattern.fullmatch(message)
        if not m:
            continue
        if template is None:  # "argument --limit: …": the option, then what is wrong with it
            return f"参数 {m['a']}：{_inner(m['m'])}"
        return template.format(**m.groupdict())
    return " ".join(message.split())


def _inner(message: str) -> str:
    for pattern, template in _INNER:
        m = pattern.fullmatch(message)
        if m:
            return template.format(**m.groupdict())
    return " ".join(message.split())


class ChineseArgumentParser(argparse.ArgumentParser):
    """Subcommand parsers are made of the same class (argparse uses type(parent))."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog.split()[0]}: {chinese_message(message)}（用 {self.prog} -h 查看用法）\n")

    def format_usage(self) -> str:
        return _chinese_help(super().format_usage())

    def format_help(self) -> str:
        return _chinese_help(super().format_help())


def _chinese_help(text: str) -> str:
    for english, chinese in _HELP_WORDS:
        text = text.replace(english, chinese)
    return text
