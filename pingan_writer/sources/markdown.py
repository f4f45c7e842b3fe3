"""Markdown (.md) sources: block structure by markdown-it-py, ATX and setext headings as hints.

The stored text is the document as a reader sees it (no #, **, link targets), because that
is what a talk quotes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pingan_writer.sources.encoding import decode_text
from pingan_writer.sources.parts import ReadResult, TextBuilder
from pingan_writer.sources.plain import normalise_newlines

if TYPE_CHECKING:
    from markdown_it.token import Token

_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_FRONT_TITLE = re.compile(r"^title\s*:\s*[\"']?(?P<title>.+?)[\"']?\s*$", re.M)


def read_md(data: bytes, path: str) -> ReadResult:
    raw, encoding = decode_text(data, path)
    raw = normalise_newlines(raw)
    property_title = None
    m = _FRONT_MATTER.match(raw)
    if m:
        t = _FRONT_TITLE.search(m.group("body"))
        property_title = t.group("title").strip() if t else None
        raw = raw[m.end() :]
    from markdown_it import MarkdownIt  # only when a .md file is read

    tokens = MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(raw)
    builder = TextBuilder()
    h1_count = sum(1 for t in tokens if t.type == "heading_open" and t.tag == "h1")
    first_block = True
    heading: int | None = None
    for tok in tokens:
        if tok.type == "heading_open":
            heading = int(tok.tag[1])
        elif tok.type == "inline":
            level = heading
            if level == 1 and first_block and h1_count == 1:
                level = 0  # a lone leading # heading is the document's title
            for line in _inline_text(tok).split("\n"):
                builder.add(line, level)
            first_block = False
            heading = None
        elif tok.type in ("fence", "code_block"):
            for line in tok.content.rstrip("\n").split("\n"):
                builder.add(line)
            first_block = False
    return ReadResult(builder.text(), encoding, builder.hints, property_title)


def _inline_text(tok: Token) -> str:
    out: list[str] = []
    for child in tok.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            # A wrapped line: CJK joins without a space, Latin words need one.
            prev = out[-1][-1:] if out and out[-1] else ""
            out.append(" " if prev.isascii() and prev.isalnum() else "")
        elif child.type == "hardbreak":
            out.append("\n")
        elif child.type == "image":
            out.append(child.content)
    return "".join(out).strip()
