"""Build one plain-text official document in every format a user receives it in.

From NAME.txt (a title, 一、/（一）/1./（1） headings, body paragraphs) this writes into a folder:

    NAME.numbered.docx   the typed heading labels replaced by Word's automatic list numbering
    NAME.official.docx   laid out to GB/T 9704 by the project's own exporter
    NAME.pdf             LibreOffice's PDF of NAME.official.docx ("printed from Word")
    NAME.doc, NAME.odt   LibreOffice's conversions of NAME.numbered.docx (restarts as separate
                         lists, see build_set)
    NAME.html            a saved news page (UTF-8) with the article amid navigation and clutter
    NAME.gbk.html        the same page as GBK bytes declaring charset=gb2312 (both from news.py)

Every LibreOffice call has a time limit and runs with one private profile per session; without
LibreOffice the formats that need it are skipped with the reason."""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import signal
import subprocess
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

# The news page lives in news.py; its names stay importable from here (tests and the bench use them).
from benchmarks.formats.news import NEWS_DATE as NEWS_DATE
from benchmarks.formats.news import NEWS_SOURCE as NEWS_SOURCE
from benchmarks.formats.news import news_article_text as news_article_text
from benchmarks.formats.news import news_html
from benchmarks.formats.news import news_title as news_title
from pingan_writer.draft.model import Draft, DraftMeta
from pingan_writer.export import gbt9704 as L
from pingan_writer.export.docx_writer import build_docx
from pingan_writer.sources import Source, read_source
from pingan_writer.text.markers import ARABIC_DOT, ARABIC_PAREN, CN_DUN, CN_PAREN
from pingan_writer.text.numerals import int_to_cn
from pingan_writer.text.outline import HEADING
from pingan_writer.text.paragraphs import INDENT_CHARS, iter_paragraphs

NUMBERED_DOCX = "numbered.docx"
OFFICIAL_DOCX = "official.docx"
PDF = "pdf"
DOC = "doc"
ODT = "odt"
HTML = "html"
GBK_HTML = "gbk.html"
ALL_FORMATS = (NUMBERED_DOCX, OFFICIAL_DOCX, PDF, DOC, ODT, HTML, GBK_HTML)

SOFFICE_TIMEOUT_S = 120
NO_SOFFICE = (
    "未安装 LibreOffice（soffice），无法生成此格式；Debian/Ubuntu：sudo apt-get install libreoffice-writer"
)

# Word list level per numbering style, and the number format Word computes the label with.
LIST_LEVELS = {CN_DUN: 0, CN_PAREN: 1, ARABIC_DOT: 2, ARABIC_PAREN: 3}
_LEVEL_FORMATS = ("chineseCounting", "chineseCounting", "decimal", "decimal")
_DEFAULT_LEVEL_TEXT = ("%1、", "（%2）", "%3.", "（%4）")
_NUMERAL = {"chineseCounting": re.compile("[一二三四五六七八九十百零〇]+"), "decimal": re.compile("[0-9]+")}
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class FormatBuildError(RuntimeError):
    """A conversion that failed or timed out; the message names the file."""


@dataclass(slots=True)
class FormatSet:
    """One document's files by format key (ALL_FORMATS), and the formats skipped with the reason."""

    name: str
    folder: Path
    txt: Path
    files: dict[str, Path] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- LibreOffice


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


class Soffice:
    """soffice --headless with one private profile, so a running LibreOffice does not take the
    job and the profile is created once per session rather than once per file."""

    def __init__(self, exe: str, profile: Path) -> None:
        self.exe = exe
        self.profile = profile

    @classmethod
    @contextmanager
    def session(cls) -> Iterator[Soffice | None]:
        """A Soffice for the duration of the block, or None when LibreOffice is not installed."""
        exe = find_soffice()
        if exe is None:
            yield None
            return
        profile = Path(f"/tmp/lo-prof-{os.getpid()}")
        try:
            yield cls(exe, profile)
        finally:
            shutil.rmtree(profile, ignore_errors=True)

    def convert(self, source: Path, target: str, dest: Path, timeout: float = SOFFICE_TIMEOUT_S) -> Path:
        """Convert `source` with the filter spec `target` ("pdf", 'doc:"MS Word 97"', …) to `dest`."""
        scratch = dest.parent / f".soffice-{dest.name}"
        scratch.mkdir(parents=True, exist_ok=True)
        cmd = [
            self.exe,
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(scratch),
            str(source),
        ]
        # A session of its own: soffice is a wrapper that starts soffice.bin, and a timeout must
        # end the whole group, not only the wrapper.
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            shutil.rmtree(scratch, ignore_errors=True)
            raise FormatBuildError(f"{source.name}：LibreOffice 转换超时（{timeout:.0f} 秒）") from exc
        produced = scratch / f"{source.stem}.{target.split(':')[0]}"
        if not produced.exists() or produced.stat().st_size == 0:
            shutil.rmtree(scratch, ignore_errors=True)
            detail = err.decode("utf-8", "replace").strip()[-200:]
            raise FormatBuildError(f"{source.name}：LibreOffice 未能转换为 {target}（{detail}）")
        produced.replace(dest)
        shutil.rmtree(scratch, ignore_errors=True)
        return dest


# ---------------------------------------------------------------- the set


def build_set(
    txt: Path, folder: Path, soffice: Soffice | None, formats: Iterable[str] = ALL_FORMATS
) -> FormatSet:
    """Build the requested formats of `txt` into `folder` (created). A format that needs
    LibreOffice is skipped, with the reason, when `soffice` is None or the conversion fails."""
    wanted = set(formats)
    folder.mkdir(parents=True, exist_ok=True)
    source = read_source(txt)
    name = txt.stem
    out = FormatSet(name, folder, txt)

    def path(fmt: str) -> Path:
        return folder / f"{name}.{fmt}"

    if NUMBERED_DOCX in wanted:
        out.files[NUMBERED_DOCX] = _write(path(NUMBERED_DOCX), numbered_docx(source))
    if wanted & {OFFICIAL_DOCX, PDF}:
        out.files[OFFICIAL_DOCX] = _write(path(OFFICIAL_DOCX), official_docx(source))
    if HTML in wanted:
        out.files[HTML] = _write(path(HTML), news_html(source, "utf-8"))
    if GBK_HTML in wanted:
        out.files[GBK_HTML] = _write(path(GBK_HTML), news_html(source, "gbk"))
    # The filter name is one argv item: no shell quotes around "MS Word 97".
    targets = {PDF: "pdf", DOC: "doc:MS Word 97", ODT: "odt"}
    # LibreOffice's .doc export mislabels a list restarted with startOverride (the paragraph
    # after a restarted 一、 shows 一、 again), so .doc and .odt are converted from a copy whose
    # restarts are separate lists: the same labels, in a form the conversion keeps.
    sources = {PDF: out.files.get(OFFICIAL_DOCX)}
    if soffice is not None and wanted & {DOC, ODT}:
        lists = _write(folder / f"{name}.numbered-lists.docx", numbered_docx(source, restarts_as_lists=True))
        sources[DOC] = sources[ODT] = lists
    for fmt in (PDF, DOC, ODT):
        if fmt not in wanted:
            continue
        if soffice is None:
            out.skipped[fmt] = NO_SOFFICE
            continue
        try:
            out.files[fmt] = soffice.convert(sources[fmt], targets[fmt], path(fmt))
        except FormatBuildError as exc:
            out.skipped[fmt] = str(exc)
    if DOC in sources:
        sources[DOC].unlink()
    for fmt in list(out.files):
        if fmt not in wanted:
            out.files.pop(fmt).unlink()
    return out


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- Word numbering


def numbered_docx(source: Source, restarts_as_lists: bool = False) -> bytes:
    """The text as a .docx, one paragraph per line, with each 一、/（一）/1./（1） heading's typed
    label removed and its paragraph put on a four-level Word list that renders the same label."""
    import docx

    document = docx.Document()
    _body_style(document)
    level_text = _level_texts(source)
    numbering = _ListState()
    headings = {
        n.start: n for n in source.outline.walk() if n.kind == HEADING and n.style in LIST_LEVELS
    }
    title_start = source.outline.title_span[0] if source.outline.title_span else None
    paragraphs = {p.start: p for p in iter_paragraphs(source.text)}
    pos = 0
    for line in source.text.rstrip("\n").split("\n"):
        para = paragraphs.get(pos)
        pos += len(line) + 1
        if para is None:
            document.add_paragraph()  # a blank line stays a blank paragraph, as in Word
            continue
        content = para.content(source.text)
        p = document.add_paragraph()
        node = headings.get(para.content_start)
        ilvl = LIST_LEVELS[node.style] if node is not None else None
        if (
            node is not None
            and node.value is not None
            and content.startswith(node.number)
            and _render(ilvl, node.value, level_text[ilvl]) == node.number
        ):
            content = content[len(node.number) :]
            num_id = numbering.assign(ilvl, node.value)
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = ilvl
            num_pr.get_or_add_numId().val = num_id
        if para.content_start == title_start:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            L.set_indent(p._p.get_or_add_pPr(), first_line_chars=0)
        p.add_run(content)
    part = document.part.numbering_part
    part._element = _numbering_xml(level_text, numbering.overrides, restarts_as_lists)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _body_style(document) -> None:
    """仿宋 三号 with a two-character first-line indent, as an office's Word template has it."""
    normal = document.styles["Normal"].element
    rpr = normal.get_or_add_rPr()
    L.set_fonts(rpr, L.FANGSONG)
    L.set_size(rpr, L.BODY_PT)
    L.set_indent(normal.get_or_add_pPr(), first_line_chars=2)


def _level_texts(source: Source) -> tuple[str, ...]:
    """Each list level's w:lvlText as the document writes the label (1. or 1．, say), taken
    from the first heading of that style."""
    texts = list(_DEFAULT_LEVEL_TEXT)
    seen: set[int] = set()
    for node in source.outline.walk():
        ilvl = LIST_LEVELS.get(node.style) if node.kind == HEADING else None
        if ilvl is None or ilvl in seen:
            continue
        seen.add(ilvl)
        pattern = _NUMERAL[_LEVEL_FORMATS[ilvl]]
        if pattern.search(node.number):
            texts[ilvl] = pattern.sub(f"%{ilvl + 1}", node.number, count=1)
    return tuple(texts)


def _render(ilvl: int, value: int, level_text: str) -> str:
    """The label Word shows for `value` at `ilvl`."""
    digits = int_to_cn(value) if _LEVEL_FORMATS[ilvl] == "chineseCounting" else str(value)
    return level_text.replace(f"%{ilvl + 1}", digits)


class _ListState:
    """Word's counters for the list, level by level. When the typed number is not the one Word
    would show next (一、 again in an annex, （一） under a 第三条), a new numbering instance
    restarts the list there with startOverride, as Word's 重新开始编号 does."""

    def __init__(self) -> None:
        self.overrides: list[dict[int, int]] = [{}]  # per w:num, numId = index + 1
        self.counters: list[int] = [0] * len(LIST_LEVELS)

    def assign(self, ilvl: int, value: int) -> int:
        if self.counters[ilvl] + 1 != value:
            self.overrides.append({ilvl: value})
            self.counters = [0] * len(LIST_LEVELS)
        self.counters[ilvl] = value
        for deeper in range(ilvl + 1, len(self.counters)):
            self.counters[deeper] = 0
        return len(self.overrides)


def _numbering_xml(level_text: tuple[str, ...], restarts: list[dict[int, int]], as_lists: bool):
    """numbering.xml: one four-level abstractNum and a w:num per restart with startOverride
    (what Word writes for 重新开始编号), or with `as_lists` a separate abstractNum per restart
    whose w:start carries the value (what a list pasted from another document looks like)."""
    from docx.oxml import parse_xml

    def abstract(aid: int, starts: dict[int, int]) -> str:
        levels = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="{starts.get(i, 1)}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:suff w:val="nothing"/><w:lvlText w:val="{html.escape(text)}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="{2 * L.CHAR_TWIPS}"/></w:pPr></w:lvl>'
            for i, (fmt, text) in enumerate(zip(_LEVEL_FORMATS, level_text, strict=True))
        )
        return (
            f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>'
            f"{levels}</w:abstractNum>"
        )

    if as_lists:
        abstracts = "".join(abstract(k, r) for k, r in enumerate(restarts))
        nums = "".join(
            f'<w:num w:numId="{k + 1}"><w:abstractNumId w:val="{k}"/></w:num>' for k in range(len(restarts))
        )
    else:
        abstracts = abstract(0, {})
        nums = "".join(
            f'<w:num w:numId="{k + 1}"><w:abstractNumId w:val="0"/>'
            + "".join(
                f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                for i, v in sorted(r.items())
            )
            + "</w:num>"
            for k, r in enumerate(restarts)
        )
    return parse_xml(f'<w:numbering xmlns:w="{_W_NS}">{abstracts}{nums}</w:numbering>')


# ---------------------------------------------------------------- official layout


def official_docx(source: Source) -> bytes:
    """The text through the project's GB/T 9704 exporter: A4, 仿宋 三号, 28 × 22, "— N —"."""
    return build_docx(Draft(source.text, DraftMeta()))


# ---------------------------------------------------------------- checks on what was built


def rendered_text(soffice: Soffice, docx_path: Path) -> str:
    """The .docx as LibreOffice renders it to plain text (list labels included), UTF-8."""
    dest = docx_path.with_name(docx_path.name + ".rendered.txt")
    soffice.convert(docx_path, "txt:Text (encoded):UTF8", dest)
    text = dest.read_text(encoding="utf-8-sig")
    dest.unlink()
    return text


def label_mismatches(source: Source, rendered: str) -> list[tuple[str, str]]:
    """(typed line, rendered line) for each non-blank line where LibreOffice's rendering of the
    numbered .docx differs from the plain text: empty when every list label renders as typed."""
    # LibreOffice's text filter writes a space after every list label whatever w:suff says,
    # so ASCII spaces and tabs are left out of the comparison.
    typed = [_no_spaces(p.content(source.text)) for p in iter_paragraphs(source.text)]
    shown = [_no_spaces(line) for line in rendered.replace("\r", "").split("\n")]
    shown = [line for line in shown if line]
    out = [(a, b) for a, b in zip(typed, shown, strict=False) if a != b]
    if len(typed) != len(shown):
        out.append((f"{len(typed)} 行", f"{len(shown)} 行"))
    return out


# pdftotext drops the spaces in "— 3 —" for one-digit numbers ("—3—") and keeps them for two.
def _no_spaces(line: str) -> str:
    return line.strip(INDENT_CHARS).replace(" ", "").replace("\t", "")


_PAGE_NUMBER = re.compile(r"^\s*—\s*(\d+)\s*—\s*$", re.M)


def pdf_page_numbers(pdf: Path) -> list[int]:
    """The "— N —" page numbers pdftotext finds in the PDF, in order."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise FormatBuildError(f"{pdf.name}：未安装 pdftotext（poppler-utils）")
    res = subprocess.run([exe, str(pdf), "-"], capture_output=True, timeout=60, check=True)
    return [int(m) for m in _PAGE_NUMBER.findall(res.stdout.decode("utf-8", "replace"))]


def pdf_page_count(pdf: Path) -> int:
    exe = shutil.which("pdfinfo")
    if exe is None:
        raise FormatBuildError(f"{pdf.name}：未安装 pdfinfo（poppler-utils）")
    res = subprocess.run([exe, str(pdf)], capture_output=True, timeout=60, check=True)
    m = re.search(r"^Pages:\s+(\d+)", res.stdout.decode("utf-8", "replace"), re.M)
    return int(m.group(1)) if m else 0
