"""Document and section templates: what a new draft starts from, and blocks to insert anywhere.

Where templates live
    Built-in document templates are resources/templates/*.toml and section templates are
    resources/templates/sections/*.toml (loaded with importlib.resources). The user's own
    templates live in the same layout under `user_templates_dir()` (the user data directory's
    `templates` folder; tests pass their own folder). A user template with the same name as a
    built-in replaces it; a new name adds a template. Document and section templates share one
    namespace, so `load_template(name)` needs no kind.

File format (TOML, UTF-8; the template's name is the file name without .toml)
    title          required  Chinese display name, e.g. "学习体会发言"
    description    optional  one line on what the template is for
    placeholders   optional  list of the placeholder names the body uses, in the order a form
                             should ask for them; when given it must list exactly the body's
                             placeholders; when left out, the body's order of first use
    body           required  the text, best written as a ''' literal string (no escapes)
    [labels]       optional  table, last in the file: Chinese labels for placeholders that are
                             not standard (or to rename a standard one), e.g. unit = "单位名称"
    Unknown keys are refused (a misspelt key would otherwise be silently ignored). Whether a
    template is a "document" or a "section" follows from its folder.

Placeholders
    `{name}` where name is lowercase ASCII letters and underscores, starting with a letter.
    `{{` and `}}` are literal braces. Substitution is plain text replacement done by our own
    scanner (template_syntax.scan): no str.format, eval or template engine, so nothing in a
    template can run code. A placeholder that is neither standard (placeholder_labels()) nor
    in [labels] is an error when the template is loaded, naming the file and line.

Rendering
    `render` replaces each placeholder once; a value is inserted as is, so a value containing
    `{speaker}` stays literally `{speaker}`. A value that is missing, None or blank renders as
    its label in Chinese brackets, e.g. 【发言人】, so the user sees in the draft what is left to
    fill. The built-in bodies use the same 【……】 form for the parts the user writes themselves
    (【在此概括原文的主要内容，可引用原文重要论述】), so searching for 【 finds everything left
    to do. Leading and trailing blank lines of a body are dropped: a render never ends with a
    newline, and the caller decides how to join it into a draft.

Errors
    Every problem with a template file raises TemplateError naming the file and, when there is
    one, the line (`第 N 行：…`): TOML syntax errors, encoding errors, missing or mistyped keys,
    bad braces and unknown placeholders. `list_templates` raises on a broken user template
    rather than skipping it, so the user learns why their template is missing.
"""

from __future__ import annotations

import importlib.resources
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import platformdirs

from pingan_writer.draft.template_syntax import (
    BraceError,
    is_valid_name,
    key_line,
    line_in_value,
    scan,
    toml_error,
)
from pingan_writer.errors import PinganError

APP_NAME = "pingan-writer"
DOCUMENT = "document"
SECTION = "section"
SECTIONS_FOLDER = "sections"
SUFFIX = ".toml"

_STANDARD_LABELS = {
    "source_title": "原文标题",
    "speaker": "发言人",
    "meeting": "会议名称",
    "date": "日期",
    "title": "标题",
    "number": "序号",
    "unit": "单位名称",
    "theme": "学习主题",
}
_REQUIRED_KEYS = ("title", "body")
_KNOWN_KEYS = ("title", "description", "placeholders", "body", "labels")


class TemplateError(PinganError):
    """A template file is broken or a template name is unknown. `line` is 1-based, if known."""

    def __init__(self, path: Path | str | None, reason: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(path, f"第 {line} 行：{reason}" if line is not None else reason)


@dataclass
class Template:
    name: str  # the file stem
    title: str  # Chinese display name
    description: str
    kind: str  # "document" | "section"
    placeholders: list[str]
    body: str
    path: Path | None
    # Labels from the file's [labels] table; standard placeholders fall back to placeholder_labels().
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, name: str) -> str:
        return self.labels.get(name) or _STANDARD_LABELS.get(name) or name


def placeholder_labels() -> dict[str, str]:
    """Chinese labels of the standard placeholders (a copy: callers may change it freely)."""
    return dict(_STANDARD_LABELS)


def user_templates_dir() -> Path:
    """The folder of the user's own templates; sections go in its `sections` subfolder."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "templates"


def list_templates(user_dir: Path | None = None, kind: str | None = None) -> list[Template]:
    """Built-in and user templates, a user template replacing a built-in of the same name,
    sorted by name; only those of `kind` when it is given. Raises TemplateError on a broken
    user template."""
    if kind not in (None, DOCUMENT, SECTION):
        raise ValueError(f"kind must be {DOCUMENT!r}, {SECTION!r} or None, not {kind!r}")
    merged = {t.name: t for t in _builtin_templates()}
    for name, (file, file_kind) in _user_files(_user_root(user_dir)).items():
        merged[name] = _load_path(file, file_kind)
    chosen = [t for t in merged.values() if kind is None or t.kind == kind]
    return [_copy(t) for t in sorted(chosen, key=lambda t: t.name)]


def load_template(name: str, user_dir: Path | None = None) -> Template:
    """The template called `name`, the user's own if there is one. Only that file is read, so
    a broken user template does not block the others."""
    user_files = _user_files(_user_root(user_dir))
    if name in user_files:
        file, file_kind = user_files[name]
        return _load_path(file, file_kind)
    for template in _builtin_templates():
        if template.name == name:
            return _copy(template)
    available = sorted({t.name for t in _builtin_templates()} | set(user_files))
    raise TemplateError(None, f"没有名为“{name}”的模板。可用的模板：{'、'.join(available)}")


def render(template: Template, values: Mapping[str, str | None]) -> str:
    """The template's body with each placeholder replaced once by its value (inserted as is),
    or by 【label】 when the value is missing or blank."""
    try:
        pieces = scan(template.body)
    except BraceError as err:  # only for a Template built in code: loading checks bodies
        raise TemplateError(
            template.path, f"正文第 {template.body.count(chr(10), 0, err.pos) + 1} 行：{err.reason}"
        ) from None
    out: list[str] = []
    for piece in pieces:
        if not piece.is_placeholder:
            out.append(piece.text)
            continue
        value = values.get(piece.text)
        out.append(value if value is not None and value.strip() else f"【{template.label(piece.text)}】")
    return "".join(out)


# --- loading -------------------------------------------------------------------------------


def _user_root(user_dir: Path | None) -> Path:
    return Path(user_dir) if user_dir is not None else user_templates_dir()


def _copy(template: Template) -> Template:
    # Built-ins are cached; callers get their own lists and dicts to change.
    return replace(template, placeholders=list(template.placeholders), labels=dict(template.labels))


def _template_files(root: Traversable) -> Iterable[tuple[Traversable, str]]:
    """(file, kind) for each *.toml in `root` and its sections folder, skipping hidden files
    (editor locks and backups such as .#talk.toml)."""
    for folder, kind in ((root, DOCUMENT), (root / SECTIONS_FOLDER, SECTION)):
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(SUFFIX) and not entry.name.startswith(".") and entry.is_file():
                yield entry, kind


def _user_files(root: Path) -> dict[str, tuple[Path, str]]:
    """The user's template files by name, without reading them."""
    found: dict[str, tuple[Path, str]] = {}
    for entry, kind in _template_files(root):
        path = Path(str(entry))
        name = entry.name[: -len(SUFFIX)]
        if name in found:
            raise TemplateError(path, f"模板名“{name}”与 {found[name][0]} 重复：文档模板和段落模板不能同名")
        found[name] = (path, kind)
    return found


@cache
def _builtin_templates() -> tuple[Template, ...]:
    root = importlib.resources.files("pingan_writer.resources") / "templates"
    templates: dict[str, Template] = {}
    for entry, kind in _template_files(root):
        # In a checkout or a normal install the resource is a real file; name it in errors.
        path = entry if isinstance(entry, Path) else Path("templates") / entry.name
        template = _parse(entry.read_bytes(), path, entry.name[: -len(SUFFIX)], kind)
        if template.name in templates:
            raise TemplateError(path, f"内置模板名“{template.name}”重复")
        templates[template.name] = template
    return tuple(templates.values())


def _load_path(path: Path, kind: str) -> Template:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise TemplateError(path, f"无法读取模板文件：{err.strerror or err}") from None
    return _parse(data, path, path.name[: -len(SUFFIX)], kind)


def _parse(data: bytes, path: Path, name: str, kind: str) -> Template:
    try:
        text = data.decode("utf-8-sig")  # Windows editors often add a BOM
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise TemplateError(path, "文件不是 UTF-8 编码，请用 UTF-8 另存", line) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line, reason = toml_error(text, err)
        raise TemplateError(path, reason, line) from None
    return _Checker(path, text, raw).template(name, kind)


class _Checker:
    """Schema checks of one parsed file; every error names the line of the key at fault."""

    def __init__(self, path: Path, text: str, raw: dict[str, Any]) -> None:
        self.path = path
        self.text = text
        self.raw = raw

    def fail(self, reason: str, line: int | None = None) -> TemplateError:
        return TemplateError(self.path, reason, line)

    def template(self, name: str, kind: str) -> Template:
        for key in self.raw:
            if key not in _KNOWN_KEYS:
                hint = (
                    "模板名取自文件名，请删去这一行"
                    if key == "name"
                    else f"可用的键：{'、'.join(_KNOWN_KEYS)}"
                )
                raise self.fail(f"未知的键 {key}（{hint}）", key_line(self.text, key))
        for key in _REQUIRED_KEYS:
            if key not in self.raw:
                what = "模板的中文名称" if key == "title" else "模板正文"
                raise self.fail(f"缺少必需的键 {key}（{what}）")
        title = self.string("title").strip()
        description = (
            self.string("description", may_be_empty=True).strip() if "description" in self.raw else ""
        )
        body = self.string("body")
        labels = self.labels()
        used = self.body_placeholders(body, labels)
        placeholders = self.placeholder_list(used, labels) if "placeholders" in self.raw else used
        # Blank lines around the body come from the ''' layout of the file, not from the author.
        body = body.lstrip("\n").rstrip()
        return Template(name, title, description, kind, placeholders, body, self.path, labels)

    def string(self, key: str, may_be_empty: bool = False) -> str:
        value = self.raw[key]
        if not isinstance(value, str):
            raise self.fail(f"{key} 应当是用引号包起来的文字", key_line(self.text, key))
        if not may_be_empty and not value.strip():
            raise self.fail(f"{key} 不能为空", key_line(self.text, key))
        return value

    def labels(self) -> dict[str, str]:
        value = self.raw.get("labels", {})
        if not isinstance(value, dict):
            raise self.fail(
                'labels 应当是一个表：[labels] 下每行写 名称 = "中文名称"', key_line(self.text, "labels")
            )
        for key, label in value.items():
            line = key_line(self.text, key, table="labels")
            if not is_valid_name(key):
                raise self.fail(f"占位符名 {key} 不合法：只能由小写英文字母和下划线组成，并以字母开头", line)
            if not isinstance(label, str) or not label.strip():
                raise self.fail(f"labels 中 {key} 的中文名称应当是不为空的文字", line)
        return {k: v.strip() for k, v in value.items()}

    def body_placeholders(self, body: str, labels: Mapping[str, str]) -> list[str]:
        body_line = key_line(self.text, "body")
        try:
            pieces = scan(body)
        except BraceError as err:
            raise self.fail(
                err.reason, line_in_value(self.text, body_line, body, err.pos, err.token)
            ) from None
        used: list[str] = []
        for piece in pieces:
            if not piece.is_placeholder:
                continue
            if piece.text not in _STANDARD_LABELS and piece.text not in labels:
                token = "{" + piece.text + "}"
                raise self.fail(
                    f"未知的占位符 {token}。可用的占位符：{'、'.join(_STANDARD_LABELS)}；"
                    f'自定义占位符请在文件末尾的 [labels] 中写明中文名称，如 {piece.text} = "……"',
                    line_in_value(self.text, body_line, body, piece.pos, token),
                )
            if piece.text not in used:
                used.append(piece.text)
        return used

    def placeholder_list(self, used: list[str], labels: Mapping[str, str]) -> list[str]:
        value = self.raw["placeholders"]
        line = key_line(self.text, "placeholders")
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail('placeholders 应当是文字列表，如 ["source_title", "speaker"]', line)
        for item in value:
            if item not in _STANDARD_LABELS and item not in labels:
                raise self.fail(
                    f"placeholders 中的 {item} 不是已知的占位符，请在 [labels] 中写明中文名称", line
                )
        if len(set(value)) != len(value):
            raise self.fail("placeholders 中有重复的名称", line)
        if missing := [n for n in used if n not in value]:
            raise self.fail(f"正文用到的占位符没有列在 placeholders 中：{'、'.join(missing)}", line)
        if unused := [n for n in value if n not in used]:
            raise self.fail(f"placeholders 列出的占位符正文中没有用到：{'、'.join(unused)}", line)
        return list(value)
