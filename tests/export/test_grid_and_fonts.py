"""The 28 × 22 character grid, heading fonts by marker, the 仿宋/楷体 choice, and the fonts
this machine lacks (export/fonts.py)."""

from __future__ import annotations

import shutil
from itertools import pairwise

import pytest

from pingan_writer.draft.model import Draft
from pingan_writer.export import fonts
from pingan_writer.export import gbt9704 as L
from pingan_writer.export.docx_writer import build_docx
from pingan_writer.export.options import ExportOptions

from .conftest import NS, Docx, W

MM_PER_PT = 25.4 / 72

MARKERS_TEXT = """按照安排，我谈几点体会。
一、总体认识
（一）坚持党的领导。这是根本保证，必须始终坚持。
1.加强组织建设。要夯实基层基础。
（1）健全制度
具体做法如下。
二、几点体会
一、要坚持人民至上。这是我们党的根本立场。
（一）抓好落实
"""


def attr(el, name: str) -> str | None:
    return el.get(f"{W}{name}")


def runs_of(doc: Docx, starts: str):
    p = next(p for p in doc.paragraphs() if Docx.text(p).startswith(starts))
    return [
        (
            "".join(r.xpath("w:t/text()", namespaces=NS)),
            (r.xpath("w:rPr/w:rFonts/@w:eastAsia", namespaces=NS) or [None])[0],
            (r.xpath("w:rPr/w:b/@w:val", namespaces=NS) or [None])[0],
        )
        for r in p.xpath("w:r", namespaces=NS)
    ], p.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS)


def markers_doc(**options) -> Docx:
    return Docx(build_docx(Draft(text=MARKERS_TEXT), ExportOptions(**options)))


# ---- the grid ------------------------------------------------------------------------------


def test_char_space_gives_28_characters_in_the_text_block():
    width = 11906 - 1587 - 1474
    pitch = 320 + L.CHAR_SPACE * 20 / 4096  # twips, relative to the 16 pt docDefaults size
    assert L.CHAR_SPACE == -842
    assert 28 * pitch <= width < 29 * pitch
    # -841 (rounded to nearest) would make 28 pitches overflow the line by a hair
    assert width < 28 * (320 - 841 * 20 / 4096)


def test_section_has_the_lines_and_chars_grid(exported):
    doc = exported()
    (grid,) = doc.document.xpath("//w:body/w:sectPr/w:docGrid", namespaces=NS)
    assert dict(grid.attrib) == {
        f"{W}type": "linesAndChars",
        f"{W}linePitch": "579",
        f"{W}charSpace": "-842",
    }
    size = doc.styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val", namespaces=NS)
    assert size == ["32"]  # charSpace is relative to this size


def test_every_paragraph_but_the_title_snaps_to_the_grid(talk_draft):
    from dataclasses import replace

    talk_draft.meta = replace(talk_draft.meta, meeting="专题研讨会")
    doc = Docx(build_docx(talk_draft, ExportOptions(quote_style="kai", source_notes=True)))
    off = [
        el.getparent().getparent()
        for part in (doc.document, doc.styles)
        for el in part.iter(f"{W}snapToGrid")
        if attr(el, "val") in ("0", "false", "off")
    ]
    # Only the Title style: its 二号 characters would take two grid cells each.
    assert [attr(s.find(f"{W}name"), "val") for s in off] == ["Title"]
    ppr = off[0].find(f"{W}pPr")
    names = [c.tag.removeprefix(W) for c in ppr]
    assert names.index("snapToGrid") < names.index("spacing")  # where the schema puts it


def test_indents_are_whole_grid_cells(exported):
    normal = exported().style("Normal")
    (ind,) = normal.xpath("w:pPr/w:ind", namespaces=NS)
    assert attr(ind, "firstLineChars") == "200"
    assert 2 * 315 <= int(attr(ind, "firstLine")) <= 2 * (320 - 842 * 20 / 4096)


# ---- heading fonts by marker ------------------------------------------------------------------


@pytest.mark.parametrize(
    "starts,font,bold",
    [
        ("一、总体认识", "黑体", "0"),
        ("（一）坚持党的领导", "楷体_GB2312", "0"),
        ("1.加强组织建设", "仿宋_GB2312", "1"),
        ("（1）健全制度", "仿宋_GB2312", "0"),
    ],
)
def test_heading_font_follows_the_marker(starts, font, bold):
    runs, _style = runs_of(markers_doc(), starts)
    assert runs[0][0].startswith(starts)
    assert runs[0][1:] == (font, bold)


def test_a_nested_dun_heading_is_heiti_though_styled_one_level_down():
    runs, style = runs_of(markers_doc(), "一、要坚持人民至上")
    assert style == ["Heading2"]  # the navigation pane keeps the computed depth
    assert runs[0] == ("一、要坚持人民至上。", "黑体", "0")
    assert runs[1] == ("这是我们党的根本立场。", "仿宋_GB2312", "0")


def test_a_nested_paren_heading_is_kaiti_though_styled_level_3():
    runs, style = runs_of(markers_doc(), "（一）抓好落实")
    assert style == ["Heading3"]  # Heading 3's style font is 仿宋 bold
    assert runs == [("（一）抓好落实", "楷体_GB2312", "0")]


def test_heading_sentence_then_body_splits_fonts():
    runs, _ = runs_of(markers_doc(), "（一）坚持党的领导")
    assert runs == [
        ("（一）坚持党的领导。", "楷体_GB2312", "0"),
        ("这是根本保证，必须始终坚持。", "仿宋_GB2312", "0"),
    ]
    runs, _ = runs_of(markers_doc(), "1.加强组织建设")
    assert runs == [("1.加强组织建设。", "仿宋_GB2312", "1"), ("要夯实基层基础。", "仿宋_GB2312", "0")]


def test_body_paragraphs_carry_no_heading_font():
    runs, style = runs_of(markers_doc(), "具体做法如下")
    assert style == [] and runs == [("具体做法如下。", None, None)]


def test_marker_font_table():
    options = ExportOptions(fangsong="仿宋", kaiti="楷体")
    assert L.marker_font("cn-dun", options) == ("黑体", False)
    assert L.marker_font("cn-paren", options) == ("楷体", False)
    assert L.marker_font("arabic-dot", options) == ("仿宋", True)
    assert L.marker_font("arabic-paren", options) == ("仿宋", False)
    assert L.marker_font("circled", options) is None


# ---- the font choice --------------------------------------------------------------------------


def test_fangsong_and_kaiti_choice_is_used_everywhere(talk_draft):
    from dataclasses import replace

    talk_draft.meta = replace(talk_draft.meta, meeting="专题研讨会")
    options = ExportOptions(fangsong="仿宋", kaiti="楷体", quote_style="kai", source_notes=True)
    doc = Docx(build_docx(talk_draft, options))
    named = set()
    for part in (doc.document, doc.styles):
        for f in part.iter(f"{W}rFonts"):
            named.update(v for k, v in f.attrib.items() if k in (f"{W}eastAsia", f"{W}cs"))
    assert not {n for n in named if "GB2312" in n}, named
    assert {"仿宋", "楷体", "黑体"} <= named
    default = doc.styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts/@w:eastAsia", namespaces=NS)
    assert default == ["仿宋"]
    subtitle = next(p for p in doc.paragraphs() if Docx.text(p).startswith("——在"))
    assert subtitle.xpath("w:r/w:rPr/w:rFonts/@w:eastAsia", namespaces=NS) == ["楷体"]
    heading2 = doc.style("Heading2").xpath("w:rPr/w:rFonts/@w:eastAsia", namespaces=NS)
    assert heading2 == ["楷体"]


def test_default_choice_is_the_gb2312_names(exported):
    doc = exported()
    assert doc.style("Normal").xpath("w:rPr/w:rFonts/@w:eastAsia", namespaces=NS) == ["仿宋_GB2312"]
    assert doc.style("Heading2").xpath("w:rPr/w:rFonts/@w:eastAsia", namespaces=NS) == ["楷体_GB2312"]


# ---- which fonts this machine lacks ----------------------------------------------------------

FC_LIST_OUTPUT = """\
Noto Serif CJK SC,Noto Serif CJK SC Black
DejaVu Sans,DejaVu Sans Light
仿宋,FangSong
SimHei,黑体
Times New Roman
FZXiaoBiaoSong\\-B05S
楷体_GB2312,KaiTi_GB2312
"""


@pytest.fixture
def fake_fc_list(monkeypatch):
    def install(output: str | None):
        monkeypatch.setattr(fonts, "_run_fc_list", lambda: output)
        monkeypatch.setattr(fonts.sys, "platform", "linux")
        fonts.installed_families.cache_clear()

    yield install
    fonts.installed_families.cache_clear()


def test_fonts_used_names_the_chosen_faces():
    expected = ["方正小标宋简体", "黑体", "仿宋_GB2312", "楷体_GB2312", "Times New Roman"]
    assert fonts.fonts_used(ExportOptions()) == expected
    assert fonts.fonts_used(ExportOptions(fangsong="仿宋", kaiti="楷体"))[2:4] == ["仿宋", "楷体"]


def test_missing_fonts_from_fc_list(fake_fc_list):
    fake_fc_list(FC_LIST_OUTPUT)
    # 黑体 listed by its Chinese name, 方正小标宋简体 only by its English one (escaped hyphen)
    assert fonts.missing_fonts(ExportOptions()) == ["仿宋_GB2312"]
    assert fonts.missing_fonts(ExportOptions(fangsong="仿宋", kaiti="楷体")) == ["楷体"]


def test_nothing_installed_means_all_missing(fake_fc_list):
    fake_fc_list("DejaVu Sans\n")
    assert fonts.missing_fonts(ExportOptions()) == fonts.fonts_used(ExportOptions())


def test_without_fontconfig_the_answer_is_unknown(fake_fc_list, monkeypatch):
    fake_fc_list(None)
    assert fonts.missing_fonts(ExportOptions()) is None


def test_fc_list_absent_from_path(monkeypatch):
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    assert fonts._run_fc_list() is None


def test_the_answer_is_cached_per_process(fake_fc_list, monkeypatch):
    fake_fc_list(FC_LIST_OUTPUT)
    assert fonts.missing_fonts(ExportOptions()) == ["仿宋_GB2312"]
    monkeypatch.setattr(fonts, "_run_fc_list", lambda: "")  # not asked again
    assert fonts.missing_fonts(ExportOptions()) == ["仿宋_GB2312"]


def test_fc_list_line_parsing():
    found = fonts.families_from_fc_list("a\\,b,c\\-d\n\n e ,f\\\\g\n")
    assert found == {"a,b", "c-d", "e", "f\\g"}


def test_windows_registry_names_map_to_word_family_names():
    names = [
        "仿宋 常规 (TrueType)",
        "KaiTi (TrueType)",
        "SimSun & NSimSun (TrueType)",
        "Times New Roman Bold (TrueType)",
        "Times New Roman (TrueType)",
        "方正小标宋简体 (TrueType)",
        "微软雅黑 & Microsoft YaHei UI (TrueType)",
        "Segoe UI Light (TrueType)",
    ]
    families = fonts.families_from_registry_names(names)
    assert {"仿宋", "KaiTi", "SimSun", "NSimSun", "Times New Roman", "方正小标宋简体", "Segoe UI"} <= families
    twins = fonts._with_twins(families)
    assert {"仿宋", "fangsong", "楷体", "kaiti", "宋体", "fzxiaobiaosong-b05s"} <= twins
    assert "仿宋_gb2312" not in twins and "黑体" not in twins


def test_missing_fonts_on_windows(monkeypatch):
    monkeypatch.setattr(fonts.sys, "platform", "win32")
    names = ["FangSong (TrueType)", "KaiTi (TrueType)", "SimHei (TrueType)", "Times New Roman (TrueType)"]
    monkeypatch.setattr(fonts, "_windows_registry_names", lambda: names)
    fonts.installed_families.cache_clear()
    try:
        assert fonts.missing_fonts(ExportOptions()) == ["方正小标宋简体", "仿宋_GB2312", "楷体_GB2312"]
        assert fonts.missing_fonts(ExportOptions(fangsong="仿宋", kaiti="楷体")) == ["方正小标宋简体"]
    finally:
        fonts.installed_families.cache_clear()


# ---- rendered by LibreOffice -------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered_chars(tmp_path_factory):
    """Per page, the text lines of the exported sample talk as lists of (left, right, char)
    in millimetres from the page's left edge, top line first, with the line's top in mm."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed; scripts/test installs it")
    pdfium = pytest.importorskip("pypdfium2")
    from pingan_writer.draft.fileformat import load_draft
    from pingan_writer.export.api import export_draft

    from ..conftest import TALK_SAMPLE

    out = tmp_path_factory.mktemp("grid") / "talk.pdf"
    export_draft(load_draft(TALK_SAMPLE), out)
    pages = []
    pdf = pdfium.PdfDocument(str(out))
    for page in pdf:
        height = page.get_height()
        text = page.get_textpage()
        lines: dict[float, list] = {}
        for i in range(text.count_chars()):
            ch = text.get_text_range(i, 1)
            if not ch.strip():
                continue
            left, bottom, right, top = text.get_charbox(i)
            middle = (bottom + top) / 2
            key = next((k for k in lines if abs(k - middle) < 10), middle)
            lines.setdefault(key, []).append((left * MM_PER_PT, right * MM_PER_PT, ch))
        pages.append(
            [((height - k) * MM_PER_PT, sorted(v)) for k, v in sorted(lines.items(), reverse=True)]
        )
    pdf.close()
    return pages


def _body(lines):
    return [chars for top, chars in lines if top < 297 - 35]  # the page number sits below


def test_rendered_full_lines_hold_28_characters(rendered_chars):
    left_edge, right_edge = 28.0, 28.0 + 156.0
    cell = 156.0 / 28
    lines = [chars for page in rendered_chars for chars in _body(page)]
    checked = 0
    for chars, following in pairwise(lines):
        # A line is full when the paragraph goes on: the next line starts at the left margin
        # (every paragraph's first line is indented two characters).
        if abs(following[0][0] - left_edge) > 2 or abs(chars[0][0] - left_edge) > 2:
            continue
        in_block = [c for c in chars if c[0] < right_edge]  # a hanging 。，、 is outside
        assert len(in_block) == 28, "".join(c for *_, c in chars)
        last_middle = (in_block[-1][0] + in_block[-1][1]) / 2
        assert last_middle > right_edge - cell  # and the 28th sits in the last cell
        checked += 1
    assert checked > 60


def test_rendered_full_pages_hold_22_lines(rendered_chars):
    assert len(rendered_chars) > 2
    for page in rendered_chars[:-1]:
        assert len(_body(page)) == 22


def test_python_docx_reopens_the_export(talk_draft):
    import io

    import docx

    data = build_docx(talk_draft, ExportOptions(fangsong="仿宋", kaiti="楷体", quote_style="kai"))
    reopened = docx.Document(io.BytesIO(data))
    assert reopened.paragraphs[1].text.startswith("按照会议安排")
