"""Each quote's source in the Word file: one comment (批注) or one footnote (脚注) per quote.

The body writer records the runs each quote is written in (QuoteRuns); add_provenance then
anchors a comment to exactly those runs, or puts a footnote reference right after the last one.
The body text is never touched: only comment marks and footnote references are added.

Comments use python-docx's own API (≥ 1.2). python-docx has no footnotes, so the footnotes
part (word/footnotes.xml, with the separator notes Word writes) is built here with its OPC
classes and related from the document part."""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.run import Run

from pingan_writer.draft.drift import DRIFTED, check_quotes
from pingan_writer.draft.model import Draft, Quote
from pingan_writer.export import gbt9704 as L
from pingan_writer.export.options import ExportOptions

AUTHOR = "平安写作"
INITIALS = "平安"
VERBATIM = "（逐字引用）"
DRIFTED_NOTE = "（已改动，与原文不一致）"
NOTE_PT = 12  # 小四: footnotes and comments, smaller than the 三号 body
NOTE_LINE_TWIPS = 360  # exact 18 pt lines for 12 pt notes (the body's 29 pt would be far too loose)

FOOTNOTE_TEXT = "FootnoteText"
FOOTNOTE_REFERENCE = "FootnoteReference"
COMMENT_TEXT = "CommentText"  # the style python-docx's comments name
COMMENT_REFERENCE = "CommentReference"


class QuoteRuns:
    """The runs each quote is written in, in document order, collected while the body is built."""

    def __init__(self) -> None:
        # Keyed by identity: Quote is an unhashable dataclass and two quotes can be equal in value.
        self._runs: dict[int, list[Run]] = {}

    def record(self, quote: Quote, run: Run) -> None:
        self._runs.setdefault(id(quote), []).append(run)

    def runs(self, quote: Quote) -> list[Run]:
        return self._runs.get(id(quote), [])


def provenance_text(quote: Quote, drifted: bool) -> str:
    """The note for one quote: 引自《题目》 提纲路径 第N页（逐字引用）, or the drifted wording."""
    return f"引自{quote.provenance()}{DRIFTED_NOTE if drifted else VERBATIM}"


def quote_notes(draft: Draft) -> list[tuple[Quote, str]]:
    """Each recorded quote with its note, in draft order. Drift is the app's rule (draft.drift,
    compared with the text as inserted, as the editor and the pre-export check do)."""
    states = check_quotes(draft, lambda _source: None)
    ordered = sorted(states, key=lambda st: (st.quote.start, st.quote.end))
    return [(st.quote, provenance_text(st.quote, st.status == DRIFTED)) for st in ordered]


def add_provenance(document: Document, draft: Draft, quote_runs: QuoteRuns, options: ExportOptions) -> int:
    """Comments or footnotes as options.provenance says; the number added (0 for "none")."""
    if options.provenance == "comments":
        return add_comments(document, draft, quote_runs, options.fangsong)
    if options.provenance == "notes":
        return add_footnotes(document, draft, quote_runs, options.fangsong)
    return 0


def add_comments(document: Document, draft: Draft, quote_runs: QuoteRuns, fangsong: str) -> int:
    """One comment per quote written in the body, anchored from its first run to its last
    (across paragraphs when the quote spans several). A quote with no runs (an emptied quote,
    or one inside the title line) gets none. Returns the number of comments added."""
    added = 0
    for quote, text in quote_notes(draft):
        runs = quote_runs.runs(quote)
        if not runs:
            continue
        if not added:
            _add_note_styles(
                document,
                COMMENT_TEXT,
                "annotation text",
                COMMENT_REFERENCE,
                "annotation reference",
                fangsong,
                superscript=False,
            )
        document.add_comment([runs[0], runs[-1]], text=text, author=AUTHOR, initials=INITIALS)
        added += 1
    return added


def add_footnotes(document: Document, draft: Draft, quote_runs: QuoteRuns, fangsong: str) -> int:
    """One footnote per quote written in the body, numbered 1, 2, 3 … in document order, its
    reference right after the quote's last run. Returns the number of footnotes added."""
    notes = [(quote_runs.runs(q), text) for q, text in quote_notes(draft) if quote_runs.runs(q)]
    if not notes:
        return 0
    _add_note_styles(
        document,
        FOOTNOTE_TEXT,
        "footnote text",
        FOOTNOTE_REFERENCE,
        "footnote reference",
        fangsong,
        superscript=True,
    )
    footnotes = _footnotes_part(document)
    for number, (runs, text) in enumerate(notes, start=1):
        runs[-1]._r.addnext(_reference_run(number))
        footnotes.append(_footnote(number, text, fangsong))
    _register_separators(document)
    return len(notes)


def _footnotes_part(document: Document):
    """A new word/footnotes.xml holding the separator (-1) and continuation separator (0)
    notes, as Word writes them, related from the document part. Returns its w:footnotes."""
    # Not the body's indented 29 pt grid line: the rule starts at the margin, single-spaced.
    sep_ppr = (
        '<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" '
        'w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr>'
    )
    xml = (
        f"<w:footnotes {nsdecls('w', 'r')}>"
        f'<w:footnote w:type="separator" w:id="-1"><w:p>{sep_ppr}<w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p>{sep_ppr}'
        "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
        "</w:footnotes>"
    )
    package = document.part.package
    part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(xml), package)
    document.part.relate_to(part, RT.FOOTNOTES)
    return part.element


def _reference_run(number: int):
    """The body's superscript footnote number: <w:r><w:footnoteReference w:id="n"/></w:r>."""
    run = OxmlElement("w:r")
    run.append(_reference_rpr(None))
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(number))
    run.append(ref)
    return run


def _footnote(number: int, text: str, fangsong: str):
    """<w:footnote w:id="n">: the note's own number (w:footnoteRef) and its text, 仿宋 小四."""
    note = OxmlElement("w:footnote")
    note.set(qn("w:id"), str(number))
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), FOOTNOTE_TEXT)
    ppr.append(style)
    p.append(ppr)
    mark = OxmlElement("w:r")
    mark.append(_reference_rpr(fangsong))
    mark.append(OxmlElement("w:footnoteRef"))
    p.append(mark)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    L.set_fonts(rpr, fangsong)
    L.set_size(rpr, NOTE_PT)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = " " + text  # Word puts a space between the note's number and its text
    run.append(t)
    p.append(run)
    note.append(p)
    return note


def _reference_rpr(font: str | None):
    """rPr of a footnote number: the FootnoteReference style, superscript written out too (so
    an application that ignores the style still raises it); in the note itself also 仿宋 小四.
    Children in the schema's order: rStyle, rFonts, sz, szCs, vertAlign."""
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), FOOTNOTE_REFERENCE)
    rpr.append(style)
    if font is not None:
        rpr.append(OxmlElement("w:rFonts"))
        L.set_fonts(rpr, font)
        L.set_size(rpr, NOTE_PT)
    va = OxmlElement("w:vertAlign")
    va.set(qn("w:val"), "superscript")
    rpr.append(va)
    return rpr


def _add_note_styles(
    document: Document,
    text_id: str,
    text_name: str,
    ref_id: str,
    ref_name: str,
    fangsong: str,
    superscript: bool,
) -> None:
    """Word's note styles (footnote text / annotation text and their reference styles): 仿宋
    小四, single-spaced, not indented and off the character grid, so a note is not set on the
    body's 29 pt lines with a two-character indent."""
    root = document.styles.element
    existing = set(root.xpath("w:style/@w:styleId"))
    if text_id not in existing:
        root.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{text_id}">'
                f'<w:name w:val="{text_name}"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>'
                "<w:unhideWhenUsed/>"
                '<w:pPr><w:snapToGrid w:val="0"/>'
                f'<w:spacing w:before="0" w:after="0" w:line="{NOTE_LINE_TWIPS}" w:lineRule="exact"/>'
                '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="both"/></w:pPr>'
                f'<w:rPr><w:rFonts w:ascii="{L.LATIN}" w:hAnsi="{L.LATIN}" w:eastAsia="{fangsong}" '
                f'w:cs="{fangsong}"/><w:sz w:val="{NOTE_PT * 2}"/><w:szCs w:val="{NOTE_PT * 2}"/></w:rPr>'
                "</w:style>"
            )
        )
    if ref_id not in existing:
        raise_it = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>' if superscript else ""
        root.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="character" w:styleId="{ref_id}">'
                f'<w:name w:val="{ref_name}"/><w:basedOn w:val="DefaultParagraphFont"/>'
                f'<w:uiPriority w:val="99"/><w:unhideWhenUsed/>{raise_it}</w:style>'
            )
        )


# What may follow w:footnotePr in w:settings (CT_Settings' order): it goes before the first.
_AFTER_FOOTNOTE_PR = (
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
    "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
    "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
    "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip


def _register_separators(document: Document) -> None:
    """w:footnotePr in settings naming the separator notes, as Word writes it."""
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is not None:
        return
    pr = OxmlElement("w:footnotePr")
    for note_id in ("-1", "0"):
        ref = OxmlElement("w:footnote")
        ref.set(qn("w:id"), note_id)
        pr.append(ref)
    following = {qn(tag) for tag in _AFTER_FOOTNOTE_PR}
    after = next((c for c in settings if c.tag in following), None)
    if after is None:
        settings.append(pr)
    else:
        after.addprevious(pr)
