"""Each quote's source in the Word file: comments (批注) and footnotes (脚注), read back as XML
and through LibreOffice, and the sample talk exported with --provenance through the CLI."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from pingan_writer.cli import main
from pingan_writer.draft.fileformat import load_draft, save_draft
from pingan_writer.draft.model import Draft, DraftMeta, SourceRef
from pingan_writer.export.docx_writer import build_docx
from pingan_writer.export.options import ExportOptions
from pingan_writer.export.provenance import provenance_text
from pingan_writer.sources import read_source
from pingan_writer.sources.convert import find_soffice

from ..conftest import SOURCE_SAMPLE, TALK_SAMPLE
from .conftest import NS, W

# Sentences of the sample talk taken word for word from the sample source.
QUOTED = (
    "维护国家安全是全社会的责任。",
    "要加强国家安全宣传教育，增强全民国家安全意识，夯实国家安全的群众基础。",
    "一是正确处理新形势下人民内部矛盾。",
)
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
VERBATIM = "引自《建设更高水平的平安中国》 三、 › （一） 第2页（逐字引用）"


def _ref(source) -> SourceRef:
    return SourceRef(source.content_hash, source.title)


def quoted_talk() -> Draft:
    """The sample talk with its three word-for-word sentences recorded as quotes."""
    draft = load_draft(TALK_SAMPLE)
    draft.meta = DraftMeta(title="学习体会", speaker="张三", date="2026年11月22日")
    source = read_source(SOURCE_SAMPLE)
    for sentence in QUOTED:
        at = draft.text.index(sentence)
        draft.text = draft.text[:at] + draft.text[at + len(sentence) :]
        s_at = source.text.index(sentence)
        draft.insert_quote(at, sentence, _ref(source), ["三、", "（一）"], s_at, s_at + len(sentence), page=2)
    return draft


def drifted_talk() -> Draft:
    """quoted_talk with the second quote edited after insertion (加强 → 要强), same length."""
    draft = quoted_talk()
    q = draft.quotes[1]
    assert draft.text[q.start + 1] == "加"
    draft.text = draft.text[: q.start + 1] + "要" + draft.text[q.start + 2 :]
    return draft


def two_paragraph_quote() -> Draft:
    """A short draft whose one quote is two paragraphs of the source."""
    source = read_source(SOURCE_SAMPLE)
    lines = source.text.split("\n")
    first, second = lines[0], lines[1]
    s_at = source.text.index(first) + len(first) - len(first.lstrip("\u3000 "))
    s_end = source.text.index(second) + len(second)
    draft = Draft(text="学习体会\n一、主要内容\n原文指出：\n结语。\n")
    at = draft.text.index("结语")
    draft.insert_quote(at, source.text[s_at:s_end] + "\n", _ref(source), [], s_at, s_end)
    return draft


class Parts:
    """An exported .docx's parts, parsed."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.document = self.xml("word/document.xml")

    def xml(self, name: str):
        return etree.fromstring(self.zip.read(name))

    def names(self) -> set[str]:
        return set(self.zip.namelist())

    def body_texts(self) -> list[str]:
        return ["".join(p.xpath(".//w:t/text()", namespaces=NS)) for p in self.document.iter(f"{W}p")]


def export(draft: Draft, **options) -> Parts:
    return Parts(build_docx(draft, ExportOptions(**options)))


def anchored_text(document, comment_id: str) -> str:
    """The body text between a comment's commentRangeStart and commentRangeEnd, in order."""
    inside, text = False, []
    for el in document.iter():
        if el.tag == f"{W}commentRangeStart" and el.get(f"{W}id") == comment_id:
            inside = True
        elif el.tag == f"{W}commentRangeEnd" and el.get(f"{W}id") == comment_id:
            return "".join(text)
        elif inside and el.tag == f"{W}t":
            text.append(el.text or "")
    raise AssertionError(f"comment {comment_id} has no range end")


def unspaced(s: str) -> str:
    return re.sub(r"\s", "", s)


# -- comments -----------------------------------------------------------------------------


def test_one_comment_per_quote_with_its_source_and_the_app_name():
    parts = export(quoted_talk(), provenance="comments")
    comments = parts.xml("word/comments.xml").findall(f"{W}comment")
    assert len(comments) == len(QUOTED)
    for c in comments:
        assert "".join(c.xpath(".//w:t/text()", namespaces=NS)) == VERBATIM
        assert c.get(f"{W}author") == "平安写作"
        assert c.get(f"{W}initials") == "平安"
        datetime.fromisoformat(c.get(f"{W}date").replace("Z", "+00:00"))  # a real date


def test_each_comment_is_anchored_to_exactly_its_quotes_runs():
    draft = quoted_talk()
    parts = export(draft, provenance="comments")
    ids = parts.document.xpath("//w:commentRangeStart/@w:id", namespaces=NS)
    assert [anchored_text(parts.document, i) for i in ids] == list(QUOTED)
    for end in parts.document.iter(f"{W}commentRangeEnd"):
        # Word's shape: the range end, then a run holding only the comment reference.
        ref_run = end.getnext()
        assert ref_run.tag == f"{W}r"
        (ref,) = ref_run.findall(f"{W}commentReference")
        assert ref.get(f"{W}id") == end.get(f"{W}id")
        # The range starts right before a run whose text begins the quote.
    for start in parts.document.iter(f"{W}commentRangeStart"):
        assert start.getnext().tag == f"{W}r"


def test_a_drifted_quote_says_so_and_the_others_stay_verbatim():
    parts = export(drifted_talk(), provenance="comments")
    texts = ["".join(c.xpath(".//w:t/text()", namespaces=NS)) for c in parts.xml("word/comments.xml")]
    assert texts == [
        VERBATIM,
        "引自《建设更高水平的平安中国》 三、 › （一） 第2页（已改动，与原文不一致）",
        VERBATIM,
    ]


def test_a_quote_over_two_paragraphs_is_anchored_from_its_first_run_to_its_last():
    draft = two_paragraph_quote()
    parts = export(draft, provenance="comments")
    (start,) = parts.document.iter(f"{W}commentRangeStart")
    (end,) = parts.document.iter(f"{W}commentRangeEnd")
    p_start, p_end = start.getparent(), end.getparent()
    assert p_start is not p_end and p_start.getnext() is p_end
    assert unspaced(anchored_text(parts.document, "0")) == unspaced(draft.quotes[0].text)
    (comment,) = parts.xml("word/comments.xml")
    assert (
        "".join(comment.xpath(".//w:t/text()", namespaces=NS)) == "引自《建设更高水平的平安中国》（逐字引用）"
    )


# -- footnotes ----------------------------------------------------------------------------


def test_the_footnotes_part_is_present_related_and_typed():
    parts = export(quoted_talk(), provenance="notes")
    assert "word/footnotes.xml" in parts.names()
    rels = parts.xml("word/_rels/document.xml.rels")
    targets = [r.get("Target") for r in rels.findall(f"{RELS}Relationship") if r.get("Type") == FOOTNOTES_REL]
    assert targets == ["footnotes.xml"]
    types = parts.xml("[Content_Types].xml")
    (override,) = [o for o in types.findall(f"{CT}Override") if o.get("PartName") == "/word/footnotes.xml"]
    assert override.get("ContentType").endswith("wordprocessingml.footnotes+xml")
    notes = parts.xml("word/footnotes.xml").findall(f"{W}footnote")
    kinds = [(n.get(f"{W}id"), n.get(f"{W}type")) for n in notes]
    assert kinds[:2] == [("-1", "separator"), ("0", "continuationSeparator")]
    assert notes[0].find(f".//{W}separator") is not None
    assert notes[1].find(f".//{W}continuationSeparator") is not None


def test_one_footnote_reference_right_after_each_quote_numbered_in_order():
    parts = export(drifted_talk(), provenance="notes", source_notes=True)
    refs = list(parts.document.iter(f"{W}footnoteReference"))
    assert [r.get(f"{W}id") for r in refs] == ["1", "2", "3"]
    expected_ends = [QUOTED[0], "要要强" + QUOTED[1][3:], QUOTED[2]]
    for ref, quote in zip(refs, expected_ends, strict=True):
        run = ref.getparent()
        before, after = run.getprevious(), run.getnext()
        # The quote's last run, then the reference, then the "（引自…）" note of --source-notes.
        assert "".join(before.xpath(".//w:t/text()", namespaces=NS)) == quote
        assert "".join(after.xpath(".//w:t/text()", namespaces=NS)).startswith("（引自《")
        rpr = run.find(f"{W}rPr")
        assert rpr.find(f"{W}rStyle").get(f"{W}val") == "FootnoteReference"
        assert rpr.find(f"{W}vertAlign").get(f"{W}val") == "superscript"


def test_footnote_text_is_the_provenance_in_the_chosen_fangsong_at_12_pt():
    parts = export(drifted_talk(), provenance="notes", fangsong="仿宋")
    notes = parts.xml("word/footnotes.xml").findall(f"{W}footnote")[2:]
    assert [n.get(f"{W}id") for n in notes] == ["1", "2", "3"]
    texts = ["".join(n.xpath(".//w:t/text()", namespaces=NS)).strip() for n in notes]
    assert texts == [
        VERBATIM,
        "引自《建设更高水平的平安中国》 三、 › （一） 第2页（已改动，与原文不一致）",
        VERBATIM,
    ]
    for note in notes:
        assert note.find(f".//{W}footnoteRef") is not None  # the note's own number
        for run in note.iter(f"{W}r"):
            rpr = run.find(f"{W}rPr")
            assert rpr.find(f"{W}rFonts").get(f"{W}eastAsia") == "仿宋"
            assert rpr.find(f"{W}sz").get(f"{W}val") == "24"  # 小四, half-points
    styles = parts.xml("word/styles.xml")
    (text_style,) = styles.xpath("w:style[@w:styleId='FootnoteText']", namespaces=NS)
    assert text_style.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "仿宋"


def test_a_quote_over_two_paragraphs_gets_its_reference_after_its_last_run():
    draft = two_paragraph_quote()
    parts = export(draft, provenance="notes")
    (ref,) = parts.document.iter(f"{W}footnoteReference")
    last_para = draft.quotes[0].text.rstrip("\n").split("\n")[-1].strip("\u3000 ")
    assert "".join(ref.getparent().getprevious().xpath(".//w:t/text()", namespaces=NS)) == last_para


# -- what does not change -----------------------------------------------------------------


def test_none_adds_nothing():
    draft = quoted_talk()
    default, none = export(draft), export(draft, provenance="none")
    assert none.zip.read("word/document.xml") == default.zip.read("word/document.xml")
    assert none.zip.read("word/styles.xml") == default.zip.read("word/styles.xml")
    assert not {"word/comments.xml", "word/footnotes.xml"} & none.names()
    for tag in ("commentRangeStart", "commentReference", "footnoteReference"):
        assert next(none.document.iter(f"{W}{tag}"), None) is None


def test_the_body_text_is_the_same_in_every_mode():
    draft = drifted_talk()
    plain = export(draft).body_texts()
    assert export(draft, provenance="comments").body_texts() == plain
    assert export(draft, provenance="notes").body_texts() == plain


def test_a_draft_without_quotes_gets_no_comments_or_footnotes_part():
    draft = Draft(text="学习体会\n一、主要内容\n正文。\n")
    for mode in ("comments", "notes"):
        assert not {"word/comments.xml", "word/footnotes.xml"} & export(draft, provenance=mode).names()


def test_the_note_wording():
    draft = quoted_talk()
    assert provenance_text(draft.quotes[0], drifted=False) == VERBATIM
    assert provenance_text(draft.quotes[0], drifted=True).endswith("（已改动，与原文不一致）")


# -- through the CLI and LibreOffice ------------------------------------------------------


@pytest.fixture
def cli_exports(tmp_path) -> dict[str, Path]:
    """The sample talk (one quote drifted) exported by the CLI with each provenance mode."""
    path = save_draft(drifted_talk(), tmp_path / "talk.pingan")
    out = {}
    for mode in ("comments", "notes"):
        out[mode] = tmp_path / f"talk-{mode}.docx"
        assert main(["export", str(path), "-o", str(out[mode]), "--provenance", mode]) == 0
    return out


def test_the_cli_export_with_comments_has_a_comment_for_every_quote(cli_exports):
    parts = Parts(cli_exports["comments"].read_bytes())
    comments = parts.xml("word/comments.xml").findall(f"{W}comment")
    assert len(comments) == len(QUOTED)
    ids = parts.document.xpath("//w:commentRangeStart/@w:id", namespaces=NS)
    assert sorted(ids) == sorted(c.get(f"{W}id") for c in comments)


ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
ODF = {"office": ODF_OFFICE, "text": ODF_TEXT}


def _to_odt(files: list[Path], out: Path, tmp_path: Path) -> None:
    soffice = find_soffice()
    profile = (tmp_path / "lo-profile").as_uri()
    cmd = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        "odt",
        "--outdir",
        str(out),
    ]
    subprocess.run([*cmd, *map(str, files)], capture_output=True, timeout=300, check=False)


def _content(odt: Path):
    return etree.fromstring(zipfile.ZipFile(odt).read("content.xml"))


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed; CI installs it")
def test_libreoffice_reads_the_comments_and_the_footnotes_back(cli_exports, tmp_path):
    out = tmp_path / "odt"
    _to_odt([cli_exports["comments"], cli_exports["notes"]], out, tmp_path)
    drifted = "引自《建设更高水平的平安中国》 三、 › （一） 第2页（已改动，与原文不一致）"

    comments = _content(out / "talk-comments.odt")
    annotations = comments.xpath("//office:annotation", namespaces=ODF)
    assert len(annotations) == len(QUOTED)
    texts = ["".join(a.xpath("text:p//text()", namespaces=ODF)) for a in annotations]
    assert texts == [VERBATIM, drifted, VERBATIM]
    authors = [a.xpath("string(*[local-name()='creator'])") for a in annotations]
    assert authors == ["平安写作"] * 3
    # Each is a range over the quote (an annotation-end with the same name), not a point.
    names = [a.get(f"{{{ODF_OFFICE}}}name") for a in annotations]
    ends = comments.xpath("//office:annotation-end/@office:name", namespaces=ODF)
    assert sorted(ends) == sorted(names)

    notes = _content(out / "talk-notes.odt").xpath("//text:note[@text:note-class='footnote']", namespaces=ODF)
    assert [n.xpath("string(text:note-citation)", namespaces=ODF) for n in notes] == ["1", "2", "3"]
    bodies = ["".join(n.xpath("text:note-body//text()", namespaces=ODF)).strip() for n in notes]
    assert bodies == [VERBATIM, drifted, VERBATIM]
