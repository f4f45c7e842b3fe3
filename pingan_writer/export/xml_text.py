"""Characters a Word file cannot hold, and a draft without them.

XML 1.0 forbids most control characters (a form feed from a PDF's page break, a stray \\x01 from
a pasted web page), and lxml refuses to write them: the export stopped with an internal error.
Each is replaced by a space, so every offset (quotes, headings) stays where it was; the
characters are invisible anyway."""

from __future__ import annotations

import copy
import dataclasses
import logging
import re

from pingan_writer.draft.model import Draft

log = logging.getLogger(__name__)

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EXPORTED = ("text", "meta", "sources", "quotes")  # what goes into the file (not rehearsals)


def word_safe(draft: Draft) -> Draft:
    """`draft` itself when every string in it can go into Word's XML, else a copy with each
    character that cannot replaced by a space."""
    if not any(_has_bad(getattr(draft, name)) for name in _EXPORTED):
        return draft
    clean = copy.deepcopy(draft)
    for name in _EXPORTED:
        setattr(clean, name, _cleaned(getattr(clean, name)))
    log.info("导出时把稿件中无法写入 Word 的控制字符换成了空格")
    return clean


def _has_bad(value: object) -> bool:
    if isinstance(value, str):
        return _NOT_IN_XML.search(value) is not None
    if isinstance(value, list | tuple):
        return any(_has_bad(v) for v in value)
    if dataclasses.is_dataclass(value):
        return any(_has_bad(getattr(value, f.name)) for f in dataclasses.fields(value))
    return False


def _cleaned(value: object) -> object:
    if isinstance(value, str):
        return _NOT_IN_XML.sub(" ", value)
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    if dataclasses.is_dataclass(value):
        _clean(value)
    return value


def _clean(obj: object) -> None:
    for f in dataclasses.fields(obj):
        setattr(obj, f.name, _cleaned(getattr(obj, f.name)))
