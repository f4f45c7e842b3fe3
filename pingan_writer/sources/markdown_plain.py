"""Plain Markdown read line by line: paragraphs, ATX headings and one level of list items.

markdown-it-py spends about 35 µs on each block it tokenises, so 100,000 list items took 3.6 s
before the outline saw a character. Most Markdown a source arrives in is plain: paragraphs,
`#` headings and simple lists, whose block structure follows from each line's first
characters. For a document made only of such lines the blocks are found here in one pass, with
markdown-it's own rules for where a paragraph ends (a list item interrupts it, an ordered item
numbered other than 1 does not, a line after an item is its lazy continuation), and markdown-it
is asked only for the inline markup of a block that has some. A line this module does not
classify (indented, a quote, a fence, a rule, a setext underline, a table, HTML, a reference
definition) sends the whole document to markdown-it. tests/sources/test_markdown_plain.py
checks on generated documents that both paths give the same text and heading hints."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.common.utils import mdTrim

# A line whose first character is one of these may begin a block other than a paragraph.
_BLOCK_START = frozenset(" \t#>-+*=_`~<|[:")
_ORDERED_MARKER = re.compile(r"[0-9]{1,9}[.)](?:[ \t]|\Z)")
# A list item: its marker, one to four spaces, then content (five or more spaces would make
# the content an indented code block, a tab expands to a column).
_ITEM = re.compile(r"(?:[-+*]|(?P<number>[0-9]{1,9})[.)]) {1,4}(?=[^ \t])")
_ATX = re.compile(r"(?P<marks>#{1,6})(?:[ \t](?P<rest>.*))?\Z")


@dataclass(slots=True)
class PlainBlock:
    """One leaf block: its inline source as markdown-it would hand it on, and its heading level."""

    source: str
    level: int | None = None


def plain_blocks(raw: str) -> list[PlainBlock] | None:
    """The document's leaf blocks in order, or None when a line is outside the plain subset."""
    if "\0" in raw:  # markdown-it replaces NUL before parsing; leave that to it
        return None
    blocks: list[PlainBlock] = []
    paragraph: list[str] = []
    in_item = False  # whether the open paragraph began in a list item

    def close() -> None:
        if paragraph:
            blocks.append(PlainBlock(mdTrim("\n".join(paragraph))))
            paragraph.clear()

    for line in raw.split("\n"):
        if not line.strip(" \t"):
            close()
            continue
        if line[0] == "#":
            heading = _ATX.match(line)
            rest = (heading.group("rest") or "") if heading else ""
            if heading is None or rest.rstrip(" \t").endswith("#"):
                return None  # a closing sequence, or not a heading: markdown-it decides
            close()
            blocks.append(PlainBlock(mdTrim(rest), len(heading.group("marks"))))
            continue
        item = _ITEM.match(line)
        if item:
            content = line[item.end() :]
            if not _is_paragraph_line(content):
                return None  # a quote, heading, nested list … inside the item
            number = item.group("number")
            if paragraph and not in_item and number is not None and int(number) != 1:
                # An ordered list must start at 1 to interrupt a paragraph: this line goes on it.
                paragraph.append(line)
                continue
            close()
            paragraph.append(content)
            in_item = True
            continue
        if not _is_paragraph_line(line):
            return None
        if not paragraph:
            in_item = False
        paragraph.append(line)  # in an item, a lazy continuation of its paragraph
    close()
    return blocks


def _is_paragraph_line(line: str) -> bool:
    return line[0] not in _BLOCK_START and not _ORDERED_MARKER.match(line)


def plain_inline(source: str, markup: re.Pattern[str]) -> list[tuple[str, str]] | None:
    """The inline pieces (kind, content) of a source with no character in `markup`, or None.

    `markup` is markdown-it's own set of characters that may start inline syntax (its
    terminator pattern); without any of them the only rule that applies is the line break,
    reproduced here: two trailing spaces make a hard break, one is dropped, and the next line's
    leading spaces and tabs are skipped."""
    lines = source.split("\n")
    if any(markup.search(line) for line in lines):
        return None
    pieces: list[tuple[str, str]] = []
    last = len(lines) - 1
    for i, line in enumerate(lines):
        if i:
            line = line.lstrip(" \t")
        kind = ""
        if i < last:
            if line.endswith("  "):
                line, kind = line.rstrip(" "), "hardbreak"
            elif line.endswith(" "):
                line, kind = line[:-1], "softbreak"
            else:
                kind = "softbreak"
        if line:
            pieces.append(("text", line))
        if kind:
            pieces.append((kind, ""))
    return pieces
