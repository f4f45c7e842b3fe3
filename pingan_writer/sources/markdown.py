"""Markdown (.md) sources: block structure by markdown-it-py, ATX and setext headings as hints.

The stored text is the document as a reader sees it (no #, **, link targets), because that
is what a talk quotes.

markdown-it stops reading a block nested deeper than its `maxNesting` option (20 token levels by
default, about 10 list levels) and silently drops the rest. A source must be read whole or
refused, so blocks are parsed with room for MAX_DEPTH nested lists and quotes, and a document
nested deeper is refused with a message naming the file, never half-read."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pingan_writer.errors import SourceError
from pingan_writer.gcpause import collector_paused
from pingan_writer.sources.encoding import decode_text
from pingan_writer.sources.parts import ReadResult, TextBuilder
from pingan_writer.sources.plain import normalise_newlines

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

    from pingan_writer.sources.markdown_plain import PlainBlock

MAX_DEPTH = 100  # nested lists and block quotes, counted together: far past any real document
# Token levels: a list level takes two (the list and its item), a quote one, a table four.
_BLOCK_NESTING = 2 * MAX_DEPTH + 10
# Inline nesting only bounds how deep link labels are probed ([[[…); deeper brackets stay as
# text, nothing is dropped. Each bracket costs time in proportion to it, so it stays small.
_INLINE_NESTING = 3
_CONTAINERS_OPEN = {"blockquote_open", "bullet_list_open", "ordered_list_open"}
_CONTAINERS_CLOSE = {"blockquote_close", "bullet_list_close", "ordered_list_close"}
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
    from pingan_writer.sources.markdown_plain import plain_blocks  # with markdown_it, on use

    md = _parser()
    with collector_paused():  # markdown-it makes several tokens a line, none of them garbage
        plain = plain_blocks(raw)
        blocks = plain_texts(plain, md) if plain is not None else parsed_blocks(raw, md, path)
    builder = TextBuilder()
    h1_count = sum(1 for _, level in blocks if level == 1)
    for i, (text, level) in enumerate(blocks):
        if level == 1 and i == 0 and h1_count == 1:
            level = 0  # a lone leading # heading is the document's title
        for line in text.split("\n"):
            builder.add(line, level)
    return ReadResult(builder.text(), encoding, builder.hints, property_title)


Block = tuple[str, int | None]  # a leaf block's text as read, and its heading level


def parsed_blocks(raw: str, md: MarkdownIt, path: str) -> list[Block]:
    """The leaf blocks as markdown-it's full parse finds them."""
    tokens = md.parse(raw)
    _check_depth(tokens, path)
    blocks: list[Block] = []
    heading: int | None = None
    for tok in tokens:
        if tok.type == "heading_open":
            heading = int(tok.tag[1])
        elif tok.type == "inline":
            blocks.append((_inline_text(_pieces(tok.children)), heading))
            heading = None
        elif tok.type in ("fence", "code_block"):
            blocks.append((tok.content.rstrip("\n"), None))
    return blocks


def plain_texts(plain: list[PlainBlock], md: MarkdownIt) -> list[Block]:
    """The text of blocks found by the line reader; markdown-it parses only inline markup."""
    from pingan_writer.sources.markdown_plain import plain_inline

    markup = md.inline.terminator_re
    blocks: list[Block] = []
    for block in plain:
        pieces = plain_inline(block.source, markup)
        if pieces is None:
            pieces = _pieces(md.parseInline(block.source)[0].children)
        blocks.append((_inline_text(pieces), block.level))
    return blocks


def _pieces(children: list[Token] | None) -> list[tuple[str, str]]:
    return [(child.type, child.content) for child in children or []]


def _inline_text(pieces: list[tuple[str, str]]) -> str:
    out: list[str] = []
    for kind, content in pieces:
        if kind in ("text", "code_inline", "image"):
            out.append(content)
        elif kind == "softbreak":
            # A wrapped line: CJK joins without a space, Latin words need one.
            prev = out[-1][-1:] if out and out[-1] else ""
            out.append(" " if prev.isascii() and prev.isalnum() else "")
        elif kind == "hardbreak":
            out.append("\n")
    return "".join(out).strip()


def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # only when a .md file is read

    md = MarkdownIt("commonmark", {"maxNesting": _BLOCK_NESTING}).enable("table").enable("strikethrough")

    def block_nesting(state: StateCore) -> None:
        state.md.options["maxNesting"] = _BLOCK_NESTING

    def inline_nesting(state: StateCore) -> None:
        state.md.options["maxNesting"] = _INLINE_NESTING

    md.core.ruler.before("block", "pingan_block_nesting", block_nesting)
    md.core.ruler.before("inline", "pingan_inline_nesting", inline_nesting)
    return md


def _check_depth(tokens: list[Token], path: str) -> None:
    """Refuse a document nested past MAX_DEPTH, or one the parser stopped reading part of."""
    depth = deepest = 0
    for tok in tokens:
        if tok.type in _CONTAINERS_OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif tok.type in _CONTAINERS_CLOSE:
            depth -= 1
        # A block opened at the last level means the parser skipped whatever was inside it.
        if deepest > MAX_DEPTH or tok.level >= _BLOCK_NESTING - 1:
            raise SourceError(
                path, f"列表或引用嵌套超过 {MAX_DEPTH} 层，无法完整读取；请减少嵌套层数后再导入"
            )
