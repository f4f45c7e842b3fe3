"""Where a new point goes in a draft, and what number it takes: the one rule shared by the
skeleton generator and the GUI's section templates.

A draft's sections are its headings (text.outline); the points of a section are its child
headings. A point is *filled* when its own paragraph holds no 【 (the template's prompt points
read 【体会一的论点】 until the drafter writes them). A new point continues the filled points
before it, in their style, so numbering never runs backwards; with no filled point it starts at
1 in the style of the points already there, else in the level below the section (（一） under 二、).
"""

from __future__ import annotations

from pingan_writer.text.markers import ARABIC_DOT, ARABIC_PAREN, CN_DUN, CN_PAREN
from pingan_writer.text.numerals import int_to_cn
from pingan_writer.text.outline import HEADING, OutlineNode, parse_outline
from pingan_writer.text.paragraphs import INDENT_CHARS, SENTENCE_END

_FORMATS = {
    CN_DUN: lambda n: f"{int_to_cn(n)}、",
    CN_PAREN: lambda n: f"（{int_to_cn(n)}）",
    ARABIC_DOT: lambda n: f"{n}.",
    ARABIC_PAREN: lambda n: f"（{n}）",
}
# The standard order of levels in official writing: under 一、 comes （一）, then 1., then （1）.
LEVEL_ORDER = [CN_DUN, CN_PAREN, ARABIC_DOT, ARABIC_PAREN]

PROMPT_MARK = "【"
# How the closing of a talk opens: 发言完毕，谢谢大家！ / 以上是我的… / 谢谢大家 / 总之…
CLOSING_OPENERS = ("发言完毕", "以上", "谢谢", "总之", "总而言之", "最后，")
# A section's intro ends with a lead-in to its points: 下面，我谈谈所学心得和体会。
_LEAD_IN_WORDS = ("下面", "以下")


def marker(style: str, n: int) -> str:
    """The marker of number `n` in `style`, e.g. marker(CN_PAREN, 3) == "（三）"."""
    return _FORMATS[style](n)


def child_style(parent_style: str | None) -> str:
    """The numbering style that belongs directly under a heading of `parent_style`."""
    if parent_style not in LEVEL_ORDER:
        return CN_DUN
    i = LEVEL_ORDER.index(parent_style)
    return LEVEL_ORDER[min(i + 1, len(LEVEL_ORDER) - 1)]


# -- paragraphs --------------------------------------------------------------------------------


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def line_end(text: str, pos: int) -> int:
    """The offset just after the line holding `pos` (after its \\n), or len(text)."""
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl + 1


def paragraph_insert_position(text: str, pos: int) -> int:
    """Where a new paragraph inserted "at the cursor" `pos` goes: the start of the line after the
    one holding `pos`, or len(text). Never inside a paragraph, so nothing is split and no empty
    paragraph is left behind (a caller inserting at len(text) of a text that does not end with a
    newline must open its own line)."""
    pos = max(0, min(pos, len(text)))
    return line_end(text, pos)


def paragraph_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(line start, line end after its \\n) of each non-blank line starting in [start, end)."""
    lines = []
    pos = line_start(text, start)
    while pos < end and pos < len(text):
        nxt = line_end(text, pos)
        if text[pos:nxt].strip():
            lines.append((pos, nxt))
        pos = nxt
    return lines


def is_closing(text: str, start: int, end: int) -> bool:
    """Whether the paragraph text[start:end] opens a talk's closing (发言完毕，谢谢大家！)."""
    return text[start:end].lstrip(INDENT_CHARS).startswith(CLOSING_OPENERS)


def is_filled(text: str, point: OutlineNode) -> bool:
    """A point is filled when its own paragraph holds no 【…】 prompt."""
    return PROMPT_MARK not in text[point.start : line_end(text, point.start)]


def heading_points(section: OutlineNode) -> list[OutlineNode]:
    return [c for c in section.children if c.kind == HEADING]


def point_end(text: str, section: OutlineNode, point: OutlineNode) -> int:
    """Where a point's own text ends (a line start, or len(text)).

    A point runs to the next point. The last point's outline range runs on over the section's
    closing paragraphs, so it is cut: a point written as one paragraph (the sample talk's
    "一、<thesis>。<sentence>。一是…") is that paragraph; a bare heading line (（一）坚持…) keeps
    the paragraphs under it up to the first that opens a closing."""
    points = heading_points(section)
    i = next(k for k, p in enumerate(points) if p is point)
    own_end = line_end(text, point.start)
    if i + 1 < len(points):
        return line_start(text, points[i + 1].start)
    if not _is_bare_heading(text, point):
        return own_end
    body = []
    for s, e in paragraph_lines(text, own_end, section.end):
        if is_closing(text, s, e):
            break
        body.append((s, e))
    if i > 0:
        # As long as the point before it: what follows is the restatement, which is unnumbered
        # too and cannot be told from body text by its words.
        before = len(paragraph_lines(text, points[i - 1].start, line_start(text, point.start)))
        body = body[: max(0, before - 1)]
    else:
        while body and PROMPT_MARK in text[body[-1][0] : body[-1][1]]:
            body.pop()  # the template's restatement prompt (【在此重申…】)
    return body[-1][1] if body else own_end


def _is_bare_heading(text: str, point: OutlineNode) -> bool:
    """A heading line on its own (（一）坚持总体国家安全观), whose body follows in paragraphs."""
    line = text[point.start : line_end(text, point.start)].strip()
    rest = line[len(point.number) :].rstrip(SENTENCE_END)
    return not any(ch in rest for ch in SENTENCE_END)


def intro_end(text: str, section: OutlineNode) -> int:
    """Where points go in a section that has none yet: after its intro paragraph(s), never after a
    closing. The intro runs to its lead-in (下面，我谈谈…) when there is one; else it is the first
    paragraph of the section's body (any later unnumbered paragraph being the restatement)."""
    heading_end = line_end(text, section.start)
    body = []
    for s, e in paragraph_lines(text, heading_end, section.end):
        if is_closing(text, s, e):
            break
        body.append((s, e))
    lead_ins = [
        e for s, e in body if any(w in text[s:e] for w in _LEAD_IN_WORDS) or text[s:e].rstrip().endswith("：")
    ]
    if lead_ins:
        return lead_ins[-1]
    if len(body) >= 2:
        return body[0][1]
    return body[-1][1] if body else heading_end


# -- numbering ---------------------------------------------------------------------------------


def numbering_under(
    text: str, parent: OutlineNode | None, siblings: list[OutlineNode], pos: int
) -> tuple[str, int]:
    """(style, number) for a new point among `siblings` (child headings of `parent`, or the top
    level when `parent` is None) inserted at `pos`: continues the filled points before `pos`."""
    filled = [p for p in siblings if p.start < pos and is_filled(text, p)]
    if filled:
        last = filled[-1]
        style = last.style if last.style in _FORMATS else _default_style(parent)
        return style, (last.value if last.value is not None else len(filled)) + 1
    known = [p.style for p in siblings if p.style in _FORMATS]
    return (known[0] if known else _default_style(parent)), 1


def _default_style(parent: OutlineNode | None) -> str:
    return child_style(parent.style) if parent is not None else CN_DUN


def next_point_number(text: str, pos: int) -> tuple[str, int]:
    """The numbering style and number of a point inserted at `pos`: it continues the filled points
    of the section holding `pos` (under 二、学习体会 with （一）（二） filled: (CN_PAREN, 3)).

    In a section's intro (before its first point, or under a bare heading line such as 二、学习体会
    that has none) the new point is that section's child; inside a point that has no points of
    its own (a nested one, or a top-level one written as a whole paragraph) it is the point's
    next sibling."""
    outline = parse_outline(text)
    probe = max(0, min(pos, len(text)))
    while probe > 0 and text[probe - 1].isspace():  # a section's range ends at its last character
        probe -= 1
    heads = [n for n in outline.path_at(max(0, probe - 1)) if n.kind == HEADING]
    if not heads:
        return numbering_under(text, None, [n for n in outline.nodes if n.kind == HEADING], pos)
    inner = heads[-1]
    if heading_points(inner) or (len(heads) == 1 and _is_bare_heading(text, inner)):
        return numbering_under(text, inner, heading_points(inner), pos)
    if len(heads) == 1:  # after a top-level point written as a whole paragraph: its sibling
        return numbering_under(text, None, [n for n in outline.nodes if n.kind == HEADING], pos)
    parent = heads[-2]
    return numbering_under(text, parent, heading_points(parent), pos)
