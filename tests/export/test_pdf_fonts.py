"""The PDF export's fonts: free Simplified Chinese stand-ins for the official faces.

The fontconfig file is checked as XML and through fc-match; the sample talk is exported to PDF
and its fonts read back with pdffonts and pypdfium2. The render tests need LibreOffice and
poppler (skipped without them) and the fonts scripts/setup installs for tests."""

from __future__ import annotations

import ctypes
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from pingan_writer.export import fontconfig as fc
from pingan_writer.export.api import export_draft

OFFICIAL_NAMES = (
    "方正小标宋简体",
    "FZXiaoBiaoSong-B05S",
    "宋体",
    "SimSun",
    "黑体",
    "SimHei",
    "楷体_GB2312",
    "楷体",
    "KaiTi",
    "仿宋_GB2312",
    "仿宋",
    "FangSong",
)
# Japanese, Korean and Traditional Chinese variants, as family names and as PostScript names
# (Noto CJK collections embed as NotoSansCJKjp-… whichever face was asked for).
FOREIGN = re.compile(r"CJK ?(jp|kr|tc|hk)|\b(JP|KR|TC|HK|TW)\b|(jp|kr|tc|hk|tw)-", re.I)
TITLE = "学习《建设更高水平的平安中国》体会"
SETUP_HINT = "scripts/setup test installs the fonts (texlive-lang-chinese: Fandol)"


def substitution(name: str) -> fc.Substitution:
    (sub,) = [s for s in fc.SUBSTITUTIONS if name in s.names]
    return sub


def squash(family: str) -> str:
    return family.replace(" ", "").lower()


# --- the configuration file -------------------------------------------------------------


@pytest.fixture
def config() -> ET.Element:
    return ET.fromstring(fc.render_fontconfig("/etc/fonts/fonts.conf", ("/fonts/fandol",), "/tmp/c"))


def family_rules(config: ET.Element) -> dict[str, ET.Element]:
    rules = {}
    for match in config.iter("match"):
        test = match.find("test[@name='family']")
        if match.get("target") == "pattern" and test is not None:
            rules[test.findtext("string")] = match
    return rules


@pytest.mark.parametrize("name", OFFICIAL_NAMES)
def test_each_official_name_gets_its_stand_ins_after_itself(config, name):
    rule = family_rules(config)[name]
    edit = rule.find("edit[@name='family']")
    # append (after the matched name), not prepend: an installed official face stays first
    assert edit.get("mode") == "append"
    assert edit.get("binding") == "strong"
    assert tuple(s.text for s in edit.findall("string")) == substitution(name).faces
    assert rule.find("edit[@name='lang']").findtext("string") == "zh-cn"


def test_the_mapping_follows_the_faces_chosen():
    assert substitution("方正小标宋简体").faces[0] == "FandolSong"
    assert substitution("方正小标宋简体").bold
    assert substitution("宋体").faces[0] == "FandolSong"
    assert substitution("黑体").faces[0] == "FandolHei"
    assert substitution("楷体_GB2312").faces[0] == "FandolKai"
    assert substitution("仿宋_GB2312").faces[0] == "FandolFang"
    for sub in fc.SUBSTITUTIONS:
        assert sub.faces[-1] in ("Noto Serif CJK SC", "Noto Sans CJK SC")  # always on Debian


def test_no_stand_in_is_a_japanese_korean_or_traditional_face(config):
    faces = [s.text for e in config.iter("edit") if e.get("name") == "family" for s in e.findall("string")]
    assert faces
    assert not [f for f in faces if FOREIGN.search(f)]


def test_foreign_cjk_requests_are_turned_into_zh_cn(config):
    langs = {
        m.find("test[@name='lang']").findtext("string"): m.find("edit[@name='lang']").findtext("string")
        for m in config.iter("match")
        if m.find("test[@name='lang']") is not None
    }
    assert langs == {"ja": "zh-cn", "ko": "zh-cn", "zh-tw": "zh-cn", "zh-hk": "zh-cn", "zh-mo": "zh-cn"}


def test_the_system_configuration_is_included_after_the_rules(config):
    children = list(config)
    assert children[0].tag == "cachedir" and children[0].text == "/tmp/c"  # written first
    assert [c.text for c in children if c.tag == "dir"] == ["/fonts/fandol"]
    assert children[-1].tag == "include" and children[-1].text == "/etc/fonts/fonts.conf"
    assert all(c.tag != "include" for c in children[:-1])


def test_the_environment_points_at_a_private_file_including_the_callers_own(tmp_path):
    own = tmp_path / "own.conf"
    own.write_text("<fontconfig/>", encoding="utf-8")
    env = fc.fontconfig_env(tmp_path / "private", {"PATH": "/usr/bin", "FONTCONFIG_FILE": str(own)})
    path = Path(env["FONTCONFIG_FILE"])
    assert path.parent == tmp_path / "private"
    assert env["PATH"] == "/usr/bin"
    assert ET.parse(path).getroot()[-1].text == str(own)


def test_without_fontconfig_the_environment_is_unchanged(tmp_path, monkeypatch):
    monkeypatch.setattr(fc, "SYSTEM_CONFIG", str(tmp_path / "absent.conf"))
    assert fc.fontconfig_env(tmp_path / "private", {"PATH": "/usr/bin"}) == {"PATH": "/usr/bin"}
    assert not (tmp_path / "private").exists()


# --- what fontconfig answers with the file ------------------------------------------------

needs_fc_match = pytest.mark.skipif(
    shutil.which("fc-match") is None, reason="fontconfig (fc-match) is not installed"
)


def fc_match(conf: Path, request: str) -> tuple[str, str]:
    out = subprocess.run(
        [shutil.which("fc-match") or "fc-match", "-f", "%{family[0]}|%{file}", request],
        capture_output=True,
        text=True,
        check=True,
        env={"FONTCONFIG_FILE": str(conf), "PATH": "/usr/bin:/bin"},
    ).stdout
    family, _, file = out.partition("|")
    return family, file


@pytest.fixture
def private_conf(tmp_path) -> Path:
    path = fc.write_fontconfig(tmp_path / "fc")
    if path is None:
        pytest.skip("this machine has no system fontconfig file")
    return path


@needs_fc_match
@pytest.mark.parametrize(
    "name", ["方正小标宋简体", "黑体", "楷体_GB2312", "楷体", "仿宋_GB2312", "仿宋", "FangSong"]
)
def test_a_missing_official_face_resolves_to_its_stand_in(private_conf, name):
    if fc_match(private_conf, name)[0] == name:
        pytest.skip(f"{name} is installed here")
    family, _ = fc_match(private_conf, name)
    assert family == substitution(name).faces[0], SETUP_HINT


@needs_fc_match
@pytest.mark.parametrize(("official", "other"), [("仿宋_GB2312", "仿宋"), ("方正小标宋简体", "宋体")])
def test_an_installed_official_face_is_kept(private_conf, tmp_path, official, other):
    """A copy of some installed font, renamed to the official name when scanned, stands for
    the real one."""
    _, some_font = fc_match(private_conf, "serif")
    copy = tmp_path / "official" / ("official" + Path(some_font).suffix)
    copy.parent.mkdir()
    shutil.copy(some_font, copy)
    conf = tmp_path / "with-official.conf"
    conf.write_text(
        f'<?xml version="1.0"?><fontconfig><include>{private_conf}</include><dir>{copy.parent}</dir>'
        '<match target="scan"><test name="file" compare="contains">'
        f"<string>{copy.parent}/</string></test>"
        f'<edit name="family" mode="assign_replace"><string>{official}</string></edit></match></fontconfig>',
        encoding="utf-8",
    )
    assert fc_match(conf, official) == (official, str(copy))
    assert fc_match(conf, other)[0] == substitution(other).faces[0]  # the other name: stand-in


@needs_fc_match
def test_latin_text_keeps_its_own_substitute(private_conf, tmp_path):
    """Times New Roman (the Latin font of every run) must not be pulled to a CJK face."""
    with_file, _ = fc_match(private_conf, "Times New Roman")
    system, _ = fc_match(Path(fc.SYSTEM_CONFIG), "Times New Roman")
    assert with_file == system


# --- the exported PDF --------------------------------------------------------------------

needs_tools = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdffonts") is None,
    reason="LibreOffice (soffice) and poppler (pdffonts) are not installed; scripts/setup test installs them",
)


@pytest.fixture(scope="module")
def talk_pdf(tmp_path_factory) -> Path:
    if shutil.which("soffice") is None or shutil.which("pdffonts") is None:
        pytest.skip("LibreOffice (soffice) and poppler (pdffonts) are not installed")
    from pingan_writer.draft.fileformat import load_draft
    from pingan_writer.draft.model import DraftMeta

    from ..conftest import TALK_SAMPLE

    draft = load_draft(TALK_SAMPLE)
    draft.meta = DraftMeta(title=TITLE, speaker="张三", date="2026年11月22日")
    return export_draft(draft, tmp_path_factory.mktemp("pdf-fonts") / "talk.pdf")


def pdffonts(pdf: Path) -> list[tuple[str, str]]:
    """(name without the subset prefix, emb) for each font the PDF carries."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        cells = line.split()
        rows.append((re.sub(r"^[A-Z]{6}\+", "", cells[0]), cells[-5]))
    return rows


def han_fonts_by_line(pdf: Path, pages: int = 2) -> list[tuple[str, str]]:
    """(text without spaces, the font drawing most of its Han characters) per text line."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(str(pdf))
    lines: list[tuple[str, str]] = []
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    try:
        for index in range(min(pages, len(doc))):
            textpage = doc[index].get_textpage()
            text, fonts = "", Counter()
            for i in range(raw.FPDFText_CountChars(textpage.raw)):
                ch = chr(raw.FPDFText_GetUnicode(textpage.raw, i))
                if ch in "\r\n":
                    if text:
                        lines.append((text, fonts.most_common(1)[0][0] if fonts else ""))
                    text, fonts = "", Counter()
                    continue
                if ch.isspace():
                    continue
                text += ch
                if "\u4e00" <= ch <= "\u9fff":
                    size = raw.FPDFText_GetFontInfo(textpage.raw, i, name, len(name), ctypes.byref(flags))
                    fonts[re.sub(r"^[A-Z]{6}\+", "", name.raw[: max(size - 1, 0)].decode())] += 1
            if text:
                lines.append((text, fonts.most_common(1)[0][0] if fonts else ""))
    finally:
        doc.close()
    return lines


def font_of(lines: list[tuple[str, str]], starts: str) -> str:
    found = [font for text, font in lines if text.startswith(starts)]
    assert found, f"no line starts with {starts!r}"
    return found[0]


def family_of(postscript_name: str) -> str:
    return postscript_name.split("-")[0]


@pytest.fixture(scope="module")
def role_fonts(talk_pdf) -> dict[str, str]:
    lines = han_fonts_by_line(talk_pdf)
    return {
        "title": font_of(lines, TITLE[:6]),
        "heading": font_of(lines, "一、主要内容"),
        "body": font_of(lines, "纵观各国"),
    }


@needs_tools
def test_title_heading_and_body_are_in_distinct_families(role_fonts):
    families = {role: family_of(font) for role, font in role_fonts.items()}
    assert len(set(families.values())) == 3, families


@needs_tools
@pytest.mark.parametrize(
    ("role", "official"), [("title", "方正小标宋简体"), ("heading", "黑体"), ("body", "仿宋_GB2312")]
)
def test_each_is_drawn_in_the_simplified_chinese_stand_in(role_fonts, role, official):
    font = role_fonts[role]
    assert not FOREIGN.search(font), font
    stand_ins = [squash(f) for f in substitution(official).faces]
    assert squash(family_of(font)) in stand_ins, f"{role} in {font}; {SETUP_HINT}"


@needs_tools
def test_the_title_is_in_the_bold_weight(role_fonts):
    """小标宋 is a heavy Song; Fandol's Bold declares the regular weight and needs the fix-up."""
    assert role_fonts["title"].endswith("-Bold"), role_fonts["title"]


@needs_tools
def test_every_font_is_embedded_and_none_is_japanese_korean_or_traditional(talk_pdf):
    fonts = pdffonts(talk_pdf)
    assert fonts
    assert [name for name, emb in fonts if emb != "yes"] == []
    assert [name for name, _ in fonts if FOREIGN.search(name)] == []
