"""PDF sources: official documents printed to PDF by LibreOffice read back as their plain text
(paragraphs rebuilt, page furniture gone, no characters added), with the page each part is on;
scanned, encrypted, broken and oversized PDFs refused with a message naming the file."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pingan_writer.draft.model import Draft, Quote
from pingan_writer.errors import SourceError
from pingan_writer.sources import pdf as pdf_reader
from pingan_writer.sources import read_source
from pingan_writer.sources.pdf import Line, Page, assemble, drop_furniture, read_pdf

from ..conftest import SOURCE_SAMPLE

ROOT = Path(__file__).resolve().parents[2]
SPEECH = ROOT / "tests" / "data" / "outline" / "speech.txt"
NOTICE = ROOT / "tests" / "data" / "outline" / "notice_with_annexes.txt"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def shape(nodes):
    return [(n.kind, n.number, n.title, shape(n.children)) for n in nodes]


def body_paragraphs(text: str) -> list[str]:
    return [p.strip(" \u3000") for p in text.split("\n") if p.strip(" \u3000")]


def non_space(text: str) -> int:
    return len(re.sub(r"\s", "", text))


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Path]:
    """The sample source, a speech and a notice with annexes exported in the GB/T 9704 layout
    and printed to PDF by LibreOffice: 28-character lines, first-line indents, "— N —"."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    from pingan_writer.export.api import export_draft

    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for txt in (SOURCE_SAMPLE, SPEECH, NOTICE):
        target = folder / f"{txt.stem}.pdf"
        export_draft(Draft(text=txt.read_text(encoding="utf-8")), target)
        out[txt.stem] = target
    return out


@needs_soffice
@pytest.mark.parametrize("txt", [SOURCE_SAMPLE, SPEECH, NOTICE], ids=lambda p: p.stem)
def test_printed_pdf_reads_as_its_plain_text(printed, txt):
    plain = read_source(txt)
    source = read_source(printed[txt.stem])
    assert source.format == "pdf"
    assert shape(source.outline.nodes) == shape(plain.outline.nodes)
    missing = [p for p in body_paragraphs(plain.text) if p not in source.text]
    assert missing == []
    assert abs(non_space(source.text) / non_space(plain.text) - 1) <= 0.02
    assert not re.search(r"—\s*\d+\s*—", source.text)  # the page numbers are gone


@needs_soffice
def test_no_spaces_between_chinese_and_digits(printed):
    text = read_source(printed["speech"]).text
    assert "（2024年1月15日）" in text
    assert not re.search(r"\d [\u4e00-\u9fff]|[\u4e00-\u9fff] \d", text)


@needs_soffice
def test_pages_are_kept_and_quotes_name_theirs(printed):
    source = read_source(printed[SOURCE_SAMPLE.stem])
    result = subprocess.run(["pdfinfo", str(printed[SOURCE_SAMPLE.stem])], capture_output=True, text=True)
    pages = int(re.search(r"Pages:\s+(\d+)", result.stdout).group(1)) if result.returncode == 0 else None
    if pages is not None:
        assert len(source.pages) == pages
    assert source.pages[0] == 0 and source.pages == sorted(source.pages)
    last = source.text.index("确保人民安居乐业")
    assert source.page_at(0) == 1 and source.page_at(len(source.text) - 1) == len(source.pages)
    assert 1 <= source.page_at(last) <= 2
    quote = Quote(0, 4, source.content_hash, source.title, ["一、"], 0, 4, "建设更高", page=source.page_at(0))
    assert quote.provenance().endswith("第1页")


@needs_soffice
def test_library_keeps_the_pages(printed, tmp_path):
    from pingan_writer.library.importer import import_file
    from pingan_writer.library.store import Library

    with Library.open(tmp_path / "lib.sqlite3") as lib:
        source_id = import_file(lib, printed[SOURCE_SAMPLE.stem]).source_id
        stored = lib.get_source(source_id)
    assert stored.pages == read_source(printed[SOURCE_SAMPLE.stem]).pages and len(stored.pages) > 5


# -- paragraphs from lines (no PDF needed) -------------------------------------------------


def page(number: int, *lines: tuple[str, float, float, float], size: float = 16.0) -> Page:
    """A page of lines given as (text, x0, x1, y)."""
    return Page(number, 595.0, [Line(number, t, x0, x1, y, size) for t, x0, x1, y in lines])


LEFT, RIGHT = 80.0, 520.0


def test_wrapped_lines_join_and_indents_and_short_lines_split():
    pages = [
        page(
            1,
            ("一、总体要求", LEFT + 32, 200, 700),
            ("坚持以人民为中心的发展思想，推进平安中国建设，不断提升", LEFT + 32, RIGHT, 670),
            ("人民群众的获得感。", LEFT, 230, 640),
            ("2025年要做到以下几点，", LEFT + 32, RIGHT, 610),
            ("确保稳定。", LEFT, 160, 580),
        )
    ]
    text, starts = assemble(pages)
    assert text.split("\n") == [
        "一、总体要求",
        "坚持以人民为中心的发展思想，推进平安中国建设，不断提升人民群众的获得感。",
        "2025年要做到以下几点，确保稳定。",
    ]
    assert starts == [0]


def test_latin_words_keep_their_space_and_hyphens_go():
    pages = [
        page(
            1,
            ("The Belt and Road Initiative is an infor-", LEFT, RIGHT, 700),
            ("mation platform for the world", LEFT, RIGHT, 670),
            ("economy.", LEFT, 140, 640),
        )
    ]
    expected = "The Belt and Road Initiative is an information platform for the world economy."
    assert assemble(pages)[0] == expected


def test_closing_punctuation_at_a_line_start_stays_with_its_sentence():
    first = ("激发平安建设的“共生效应”", LEFT, RIGHT - 40, 700)
    pages = [page(1, first, ("。一是发挥党委领导作用。", LEFT, 260, 670))]
    assert assemble(pages)[0] == "激发平安建设的“共生效应”。一是发挥党委领导作用。"


def test_heading_at_the_margin_after_a_full_sentence_starts_a_paragraph():
    pages = [
        page(
            1,
            ("要做到①重大事项及时请示；②重要情况及时报告。各项工作落实。", LEFT, RIGHT, 700),
            ("二、工作要求", LEFT, 180, 670),
            ("要做到①重大事项及时请示；", LEFT, RIGHT, 640),
            ("②重要情况及时报告。", LEFT, 240, 610),
        )
    ]
    assert assemble(pages)[0].split("\n") == [
        "要做到①重大事项及时请示；②重要情况及时报告。各项工作落实。",
        "二、工作要求",
        "要做到①重大事项及时请示；②重要情况及时报告。",
    ]


def test_paragraph_continues_across_a_page_and_pages_are_recorded():
    pages = [
        page(1, ("第一段开头写满了一整行的文字内容到右边距为止", LEFT + 32, RIGHT, 700)),
        page(2, ("接着写完。", LEFT, 160, 700), ("第二段。", LEFT + 32, 180, 670)),
    ]
    text, starts = assemble(pages)
    assert text == "第一段开头写满了一整行的文字内容到右边距为止接着写完。\n第二段。"
    assert starts == [0, text.index("接着写完")]


@pytest.mark.parametrize("number", ["— 3 —", "- 3 -", "3", "第3页 共12页", "第 3 页", "3/12", "－3－"])
def test_page_numbers_in_their_usual_forms_are_dropped(number):
    body = {1: "甲", 2: "乙", 3: "丙"}
    pages = [
        page(
            n,
            (f"{body[n]}页开头。", LEFT + 32, 200, 700),
            (f"{body[n]}页中间。", LEFT + 32, 200, 670),
            (f"{body[n]}页末尾。", LEFT + 32, 200, 640),
            (number.replace("3", str(n)), 280, 320, 60),
        )
        for n in (1, 2, 3)
    ]
    drop_furniture(pages)
    assert [line.text for p in pages for line in p.lines] == [
        f"{b}页{w}。" for b in body.values() for w in ("开头", "中间", "末尾")
    ]


def test_running_headers_and_footers_are_dropped_but_not_body_text():
    header = "某市人民政府办公室文件"
    footer = "内部资料 注意保存"
    body = ["甲", "乙", "丙", "丁"]
    pages = [
        page(
            n,
            (header, 200, 400, 800),
            (f"{body[n - 1]}页的正文开头。", LEFT + 32, 240, 700),
            (f"{body[n - 1]}页的正文中间。", LEFT + 32, 240, 670),
            (f"{body[n - 1]}页的正文结尾。", LEFT + 32, 240, 640),
            (footer, 200, 400, 50),
        )
        for n in (1, 2, 3, 4)
    ]
    pages[2].lines.insert(2, Line(3, "3", LEFT + 32, 100, 685, 16.0))  # a number inside the page body
    drop_furniture(pages)
    texts = [line.text for p in pages for line in p.lines]
    assert header not in texts and footer not in texts
    assert "丙页的正文开头。" in texts and "3" in texts


# -- refusals ------------------------------------------------------------------------------


def new_pdf(pages: int, image: bool = False) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        pg = document.new_page(595, 842)
        if image:
            bitmap = pdfium.PdfBitmap.new_native(50, 50, pdfium.raw.FPDFBitmap_BGR)
            obj = pdfium.PdfImage.new(document)
            obj.set_bitmap(bitmap)
            obj.set_matrix(pdfium.PdfMatrix().scale(400, 600).translate(50, 100))
            pg.insert_obj(obj)
            pg.gen_content()
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_scanned_pdf_says_so(tmp_path):
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(new_pdf(2, image=True))
    with pytest.raises(SourceError, match="扫描件，没有文字层") as info:
        read_source(path)
    assert "扫描件.pdf" in str(info.value)


def test_pdf_without_any_text_says_so(tmp_path):
    path = tmp_path / "空白.pdf"
    path.write_bytes(new_pdf(1))
    with pytest.raises(SourceError, match="没有文字内容"):
        read_source(path)


@needs_soffice
def test_encrypted_pdf_asks_for_the_unlocked_file(tmp_path):
    src = tmp_path / "密件.txt"
    src.write_text("测试文档\n这是一段正文。\n", encoding="utf-8")
    options = (
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"123"}}'
    )
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", options,
         "--outdir", str(tmp_path), str(src)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    with pytest.raises(SourceError, match="已加密"):
        read_source(tmp_path / "密件.pdf")


@needs_soffice
@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_broken_pdf_is_refused_whole(printed, tmp_path, damage):
    data = printed["speech"].read_bytes()
    broken = data[: len(data) // 2] if damage == "truncated" else b"%PDF-1.7\n" + bytes(range(256)) * 40
    path = tmp_path / "坏文件.pdf"
    path.write_bytes(broken)
    with pytest.raises(SourceError, match="损坏") as info:
        read_source(path)
    assert "坏文件.pdf" in str(info.value)


def test_absurd_page_count_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 3)
    path = tmp_path / "炸弹.pdf"
    path.write_bytes(new_pdf(4))
    with pytest.raises(SourceError, match="超过 3 页"):
        read_source(path)


def test_read_pdf_refuses_non_pdf_bytes():
    with pytest.raises(SourceError, match="不是有效的 PDF"):
        read_pdf(b"not a pdf at all", "x.pdf")


@needs_soffice
def test_pages_without_text_are_named_not_hidden(printed, tmp_path, capsys):
    import pypdfium2 as pdfium

    from pingan_writer.cli import main

    document = pdfium.PdfDocument(printed["speech"].read_bytes())
    text_pages = len(document)
    document.import_pages(pdfium.PdfDocument(new_pdf(1, image=True)))
    path = tmp_path / "部分扫描.pdf"
    buf = io.BytesIO()
    document.save(buf)
    path.write_bytes(buf.getvalue())
    source = read_source(path)
    assert "在全市政法工作会议上的讲话" in source.text
    assert source.notes == [f"第 {text_pages + 1} 页没有文字层（可能是扫描页），这些页的内容没有读入"]
    assert main(["text", str(path), "-o", str(tmp_path / "out.txt")]) == 0
    assert f"注意：第 {text_pages + 1} 页没有文字层" in capsys.readouterr().err
    assert main(["library", "add", str(path), "--library", str(tmp_path / "lib.sqlite3")]) == 0
    assert "注意：第" in capsys.readouterr().out


# -- gaps PDFium fills with generated spaces, and lines from characters ----------------------


def chars(*spec) -> list:
    """Characters as _read_page collects them: (ch, generated, left, bottom, right, top, size);
    each spec item is (text, left) for real characters 16 pt wide, or a float gap width for a
    generated space."""
    out, x = [], 100.0
    for item in spec:
        if isinstance(item, float):
            out.append((" ", True, x, 600, x, 600, 1.0))
            x += item
            continue
        for ch in item:
            width = 16.0 if ord(ch) >= 0x2E80 else 8.0
            out.append((ch, False, x, 596, x + width, 612, 16.0))
            x += width
    return out


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (("2025", 4.0, "年"), "2025年"),  # Word's autospace between digits and Han
        (("12345", 16.0, "热线"), "12345热线"),  # the character grid's leftover cell
        (("5.6%", 16.0, "，增速"), "5.6%，增速"),
        (("表1", 16.0, "2025年"), "表1\u30002025年"),  # a full-width space missing from the text layer
        (("第一章", 16.0, "总则"), "第一章\u3000总则"),
        (("ISO", 4.0, "9001"), "ISO 9001"),
        (("GDP）\u3000", 3.0, "\u3000亿元"), "GDP）\u3000\u3000亿元"),  # beside a real space: nothing
    ],
)
def test_generated_gaps_become_what_made_them(spec, expected):
    assert pdf_reader._line_text(chars(*spec)) == expected


def test_a_low_comma_box_does_not_break_the_line():
    run = chars("为了坚持“枫桥经验”")
    comma = ("，", False, run[-1][4], 596, run[-1][4] + 16, 601.4, 16.0)  # a box 5 pt tall, sitting low
    shift = comma[4] - 100
    rest = [(c[0], c[1], c[2] + shift, c[3], c[4] + shift, c[5], c[6]) for c in chars("健全机制")]
    p = Page(1, 595.0)
    pdf_reader._flush(p, [*run, comma, *rest])
    assert [line.text for line in p.lines] == ["为了坚持“枫桥经验”，健全机制"]


def test_a_title_wrapped_onto_a_second_line_stays_one_paragraph():
    title = [
        Line(1, "关于做好2025年冬春季公共卫生安全和城市", 89.0, 512.0, 716.0, 22.0),
        Line(1, "运行保障工作的通知", 202.6, 398.5, 681.0, 22.0),
        Line(1, "各区县人民政府：", 80.0, 210.0, 620.0, 16.0),
        Line(1, "当前已进入冬春季传染病高发期，流感等呼吸道传染病呈现多病", 112.0, 520.0, 591.0, 16.0),
        Line(1, "原叠加流行态势，现将有关事项通知如下。", 80.0, 380.0, 562.0, 16.0),
        Line(1, "一、总体要求", 112.0, 210.0, 533.0, 16.0),
        Line(1, "坚持人民至上、生命至上，统筹发展和安全，确保城市运行安全有", 112.0, 520.0, 504.0, 16.0),
        Line(1, "序。", 80.0, 112.0, 475.0, 16.0),
    ]
    text, _ = assemble([Page(1, 595.0, title)])
    assert text.split("\n")[0] == "关于做好2025年冬春季公共卫生安全和城市运行保障工作的通知"
    assert text.split("\n")[1] == "各区县人民政府："
