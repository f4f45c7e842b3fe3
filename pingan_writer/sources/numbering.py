"""Word's automatic list numbering (word/numbering.xml) turned into the labels Word draws.

python-docx's `paragraph.text` leaves out the 一、 （一） 1. （1） that Word draws from a list
definition, so a .docx numbered that way would read as an unstructured document. `Numbering`
recomputes each label as Word does, paragraph by paragraph in document order:

- a paragraph is numbered by its own w:pPr/w:numPr or by its paragraph style's (following
  w:basedOn); its own w:ilvl wins over the style's, and no w:ilvl anywhere means level 0 (as in
  Word, LibreOffice and Open XML PowerTools; a single-level list is always level 0); w:numId 0
  switches numbering off;
- w:num → w:abstractNum (through w:numStyleLink to the list a numbering style defines), with the
  instance's w:lvlOverride (a replacement w:lvl and/or w:startOverride) applied;
- counters are kept per abstract list, so every w:num on it continues the same sequence, as in
  Word and LibreOffice; an instance's w:startOverride restarts the level at that value the first
  time the instance is used at that level ("restart numbering") and is the level's start within
  that instance afterwards;
- a level restarts when a higher level advances, or as its w:lvlRestart says (0 = never);
  w:start sets its first value; %1 … %9 in w:lvlText are each level's current value in that
  level's own format (all decimal under w:isLgl); a higher level not used yet counts as used at
  its start value (a "1.1" before any chapter, and the chapter after it is 2).

Separator (w:suff, a tab by default): the text must read as a person would type it, so a label
that ends in punctuation or a symbol (一、 （一） 1. ① •) is joined to the text directly
("一、总体要求"); a label ending in a letter, digit or ideograph (第一章, A) is followed by one space
(an ideographic space when the label is Chinese) unless w:suff is "nothing".

Broken references (a missing w:num, level or style, a non-numeric value) give no label and are
logged at debug level; nothing here raises.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field, replace

from pingan_writer.sources.numbering_formats import format_number

__all__ = ["Numbering", "format_number"]

log = logging.getLogger(__name__)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVELS = 9
_MAX_START = 32767  # Word's own limit for w:start
_MAX_LINKS = 10  # style chains and numStyleLink hops: enough for real files, bounded for loops
_PLACEHOLDER = re.compile(r"%([1-9])")
# Bullets in Symbol / Wingdings fonts are stored as private-use code points; write what Word shows.
_SYMBOL_BULLETS = {
    "\uf0b7": "•",
    "\uf0a7": "▪",
    "\uf06c": "●",
    "\uf06e": "■",
    "\uf075": "◆",
    "\uf076": "❖",
    "\uf0d8": "➢",
    "\uf0fc": "✔",
    "\uf071": "❑",
}


@dataclass(frozen=True, slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart; None: restart when any higher level advances
    is_lgl: bool = False
    suff: str = "tab"


@dataclass(slots=True)
class _Abstract:
    levels: dict[int, _Level] = field(default_factory=dict)
    num_style_link: str | None = None
    single_level: bool = False  # w:multiLevelType singleLevel: every paragraph is at level 0


@dataclass(slots=True)
class _Num:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, _Level] = field(default_factory=dict)


@dataclass(slots=True)
class _Style:
    based_on: str | None
    num_id: str | None
    ilvl: int | None


class Numbering:
    """The numbering definitions of one document plus the counters of its lists.

    `label_for` is stateful: call it once for every paragraph, in document order."""

    def __init__(self, numbering_element, styles_element=None) -> None:
        self._abstracts: dict[str, _Abstract] = {}
        self._nums: dict[str, _Num] = {}
        self._styles: dict[str, _Style] = {}
        self._default_style: str | None = None
        # Counters are kept per abstract list: every w:num on it continues the same sequence.
        self._counters: dict[str, list[int | None]] = {}
        self._instances: dict[str, tuple[str, dict[int, _Level]] | None] = {}
        self._restarted: set[tuple[str, int]] = set()  # (numId, ilvl) whose startOverride was used
        self._parse_numbering(numbering_element)
        if styles_element is not None:
            self._parse_styles(styles_element)

    @classmethod
    def from_document(cls, document) -> Numbering | None:
        """The numbering of a python-docx Document, or None when it has no numbering part."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        part = document.part
        try:
            numbering_part = part.part_related_by(RT.NUMBERING)
        except KeyError:
            return None
        try:
            styles_element = part.part_related_by(RT.STYLES).element
        except KeyError:
            styles_element = None
        return cls(numbering_part.element, styles_element)

    def label_for(self, paragraph_element) -> str:
        """The label Word draws before this <w:p>, with the separator our text uses ("一、",
        "第一章\u3000"), or "" when the paragraph is not numbered. Advances the list's counters."""
        try:
            return self._label(paragraph_element)
        except Exception:  # never let odd numbering stop a document from being read
            log.debug("numbering: paragraph skipped", exc_info=True)
            return ""

    # -- reading the definitions ------------------------------------------------------------

    def _parse_numbering(self, root) -> None:
        for el in root.iterchildren(f"{_W}abstractNum"):
            aid = el.get(f"{_W}abstractNumId")
            if aid is None:
                continue
            abstract = _Abstract(
                num_style_link=_val(el.find(f"{_W}numStyleLink")),
                single_level=_val(el.find(f"{_W}multiLevelType")) == "singleLevel",
            )
            for lvl in el.iterchildren(f"{_W}lvl"):
                ilvl = _int(lvl.get(f"{_W}ilvl"))
                if ilvl is not None and 0 <= ilvl < _LEVELS:
                    abstract.levels[ilvl] = _parse_level(lvl)
            self._abstracts[aid] = abstract
        for el in root.iterchildren(f"{_W}num"):
            num_id = el.get(f"{_W}numId")
            aid = _val(el.find(f"{_W}abstractNumId"))
            if num_id is None or aid is None:
                continue
            num = _Num(aid)
            for override in el.iterchildren(f"{_W}lvlOverride"):
                ilvl = _int(override.get(f"{_W}ilvl"))
                if ilvl is None or not 0 <= ilvl < _LEVELS:
                    continue
                lvl = override.find(f"{_W}lvl")
                if lvl is not None:
                    num.level_overrides[ilvl] = _parse_level(lvl)
                start = _int(_val(override.find(f"{_W}startOverride")))
                if start is not None:
                    num.start_overrides[ilvl] = _clamp_start(start)
            self._nums[num_id.strip()] = num

    def _parse_styles(self, root) -> None:
        for el in root.iterchildren(f"{_W}style"):
            sid = el.get(f"{_W}styleId")
            if sid is None:
                continue
            num_id, ilvl = _num_pr(el.find(f"{_W}pPr"))
            self._styles[sid] = _Style(_val(el.find(f"{_W}basedOn")), num_id, ilvl)
            if el.get(f"{_W}type") == "paragraph" and _on(el.get(f"{_W}default"), False):
                self._default_style = sid

    # -- one paragraph ----------------------------------------------------------------------

    def _label(self, p) -> str:
        ppr = p.find(f"{_W}pPr")
        own_num, own_ilvl = _num_pr(ppr)
        style_id = _val(ppr.find(f"{_W}pStyle")) if ppr is not None else None
        chain = self._style_chain(style_id or self._default_style)
        num_id = own_num if own_num is not None else _first(s.num_id for s in chain)
        if num_id is None or num_id == "0":
            return ""
        instance = self._instance(num_id)
        if instance is None:
            return ""
        aid, levels = instance
        ilvl = own_ilvl if own_ilvl is not None else _first(s.ilvl for s in chain)
        if ilvl is None or self._abstracts[aid].single_level:
            ilvl = 0
        level = levels.get(ilvl)
        if level is None:
            log.debug("numbering: numId %s has no level %s", num_id, ilvl)
            return ""
        counters = self._counters.setdefault(aid, [None] * _LEVELS)
        num = self._nums[num_id]
        restart = ilvl in num.start_overrides and (num_id, ilvl) not in self._restarted
        if restart:  # "restart numbering": the instance's first paragraph at this level
            self._restarted.add((num_id, ilvl))
            counters[ilvl] = None
        _advance(counters, levels, ilvl)
        label = _level_text(counters, levels, level)
        return label + _separator(label, level.suff)

    def _style_chain(self, style_id: str | None) -> list[_Style]:
        chain: list[_Style] = []
        while style_id is not None and len(chain) < _MAX_LINKS:
            style = self._styles.get(style_id)
            if style is None:
                break
            chain.append(style)
            style_id = style.based_on
        return chain

    def _instance(self, num_id: str) -> tuple[str, dict[int, _Level]] | None:
        """(abstract list id, level definitions with the instance's overrides) of a w:num."""
        if num_id not in self._instances:
            self._instances[num_id] = None
            num = self._nums.get(num_id)
            if num is None:
                log.debug("numbering: numId %s is not defined", num_id)
                return None
            aid, levels = self._resolve_abstract(num.abstract_id)
            if levels is None:
                return None
            levels = {**levels, **num.level_overrides}
            for ilvl, start in num.start_overrides.items():
                levels[ilvl] = replace(levels.get(ilvl, _Level()), start=start)
            self._instances[num_id] = (aid, levels)
        return self._instances[num_id]

    def _resolve_abstract(self, aid: str) -> tuple[str, dict[int, _Level] | None]:
        """An abstract list's levels, following w:numStyleLink to the list that numbering
        style defines (the style's own w:num points at the abstract holding the levels)."""
        for _ in range(_MAX_LINKS):
            abstract = self._abstracts.get(aid)
            if abstract is None:
                log.debug("numbering: abstractNumId %s is not defined", aid)
                return aid, None
            if abstract.num_style_link is None:
                return aid, abstract.levels
            chain = self._style_chain(abstract.num_style_link)
            num = self._nums.get(_first(s.num_id for s in chain) or "")
            if num is None or num.abstract_id == aid:
                log.debug("numbering: numStyleLink %s leads nowhere", abstract.num_style_link)
                return aid, abstract.levels or None
            aid = num.abstract_id
        return aid, None


def _advance(counters: list[int | None], levels: dict[int, _Level], ilvl: int) -> None:
    """Count one paragraph at `ilvl`, restarting the deeper levels that restart after it."""
    for higher in range(ilvl):  # a level skipped over counts as used at its start value
        if counters[higher] is None:
            counters[higher] = levels.get(higher, _Level()).start
    current = counters[ilvl]
    counters[ilvl] = levels[ilvl].start if current is None else current + 1
    for deeper in range(ilvl + 1, _LEVELS):
        restart = levels.get(deeper, _Level()).restart
        # w:lvlRestart is one-based: "restart after level N" means after any ilvl < N.
        if ilvl < (deeper if restart is None else restart):
            counters[deeper] = None


def _level_text(counters: list[int | None], levels: dict[int, _Level], level: _Level) -> str:
    if level.fmt == "bullet":
        text = level.text
    else:

        def number(m: re.Match[str]) -> str:
            ilvl = int(m.group(1)) - 1
            source = levels.get(ilvl, _Level())
            value = counters[ilvl]
            if value is None:
                value = source.start
            fmt = source.fmt
            if level.is_lgl and fmt not in ("decimalZero", "none"):
                fmt = "decimal"
            return format_number(value, fmt)

        text = _PLACEHOLDER.sub(number, level.text)
    return "".join(_SYMBOL_BULLETS.get(ch, "•" if 0xF000 <= ord(ch) <= 0xF0FF else ch) for ch in text)


def _separator(label: str, suff: str) -> str:
    if not label or suff == "nothing" or label[-1].isspace():
        return ""
    if unicodedata.category(label[-1])[0] in "PS" or unicodedata.category(label[-1]) == "No":
        return ""  # 一、 （一） 1. ① •: typed text runs straight on
    return "\u3000" if any(_is_cjk(ch) for ch in label) else " "


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or ch == "〇"


def _parse_level(lvl) -> _Level:
    start = _int(_val(lvl.find(f"{_W}start")))
    restart = _int(_val(lvl.find(f"{_W}lvlRestart")))
    is_lgl = lvl.find(f"{_W}isLgl")
    return _Level(
        start=_clamp_start(start) if start is not None else 1,
        fmt=_val(lvl.find(f"{_W}numFmt")) or "decimal",
        text=_val(lvl.find(f"{_W}lvlText")) or "",
        restart=restart if restart is not None and restart >= 0 else None,
        is_lgl=is_lgl is not None and _on(is_lgl.get(f"{_W}val"), True),
        suff=_val(lvl.find(f"{_W}suff")) or "tab",
    )


def _num_pr(ppr) -> tuple[str | None, int | None]:
    """(w:numId, w:ilvl) of a w:pPr, each None when absent or unreadable."""
    if ppr is None:
        return None, None
    num_pr = ppr.find(f"{_W}numPr")
    if num_pr is None:
        return None, None
    raw_id = _val(num_pr.find(f"{_W}numId"))
    ilvl = _int(_val(num_pr.find(f"{_W}ilvl")))
    if ilvl is not None and not 0 <= ilvl < _LEVELS:
        log.debug("numbering: ilvl %s out of range", ilvl)
        ilvl = None
    return (raw_id.strip() if raw_id is not None else None), ilvl


def _val(el) -> str | None:
    return None if el is None else el.get(f"{_W}val")


def _int(raw: str | None) -> int | None:
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        log.debug("numbering: %r is not a number", raw)
        return None


def _clamp_start(value: int) -> int:
    return max(0, min(value, _MAX_START))


def _on(raw: str | None, default: bool) -> bool:
    if raw is None:
        return default
    return raw.strip().lower() not in ("0", "false", "off")


def _first(values):
    return next((v for v in values if v is not None), None)
