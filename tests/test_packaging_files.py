"""The Debian package's files (menu entry, MIME type, icons, control template) and the command
line's dispatch of file arguments to the desktop app. Fast: nothing is built; the package itself
is built and tried by scripts/test-package."""

from __future__ import annotations

import argparse
import configparser
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET

import pytest

from pingan_writer import cli

from .conftest import ROOT, SOURCE_SAMPLE

LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"
SVG = "{http://www.w3.org/2000/svg}"
MIME = "{http://www.freedesktop.org/standards/shared-mime-info}"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive (Name[zh_CN])
    parser.read(LINUX / "pingan-writer.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_is_the_chinese_office_app_that_opens_drafts():
    entry = desktop_entry()
    assert entry["Name"] == entry["Name[zh_CN]"] == "平安写作"
    assert entry["Exec"] == "pingan-writer %F"
    assert entry["Icon"] == "pingan-writer"
    assert entry["StartupWMClass"] == "pingan-writer"  # Qt's window class: the application name
    assert entry["Terminal"] == "false"
    assert {"Office", "WordProcessor"} <= set(entry["Categories"].rstrip(";").split(";"))
    types = set(entry["MimeType"].rstrip(";").split(";"))
    assert {"application/x-pingan-draft", "text/plain", "application/pdf"} <= types
    assert any("\u4e00" <= ch <= "\u9fff" for ch in entry["Comment[zh_CN]"])


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_entry_validates():
    result = subprocess.run(
        ["desktop-file-validate", str(LINUX / "pingan-writer.desktop")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mime_type_declares_pingan_drafts_with_a_chinese_comment():
    root = ET.parse(LINUX / "pingan-writer.xml").getroot()
    (mime_type,) = root.findall(f"{MIME}mime-type")
    assert mime_type.get("type") == "application/x-pingan-draft"
    assert [g.get("pattern") for g in mime_type.findall(f"{MIME}glob")] == ["*.pingan"]
    comments = {
        c.get("{http://www.w3.org/XML/1998/namespace}lang"): c.text
        for c in mime_type.findall(f"{MIME}comment")
    }
    assert comments["zh_CN"] == "平安写作稿件"


@pytest.mark.parametrize("path", [ICONS / "pingan-writer.svg", LINUX / "application-x-pingan-draft.svg"])
def test_svg_icons_parse_and_are_square(path):
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 256 256"


def test_png_icons_are_the_size_their_names_say():
    sizes = []
    for png in sorted(ICONS.glob("pingan-writer-*.png")):
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", png.name
        width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
        size = int(png.stem.rsplit("-", 1)[1])
        assert width == height == size, png.name
        sizes.append(size)
    assert {16, 32, 48, 64, 128, 256} <= set(sizes)


def test_control_template_has_the_fields_debian_requires():
    fields = {}
    for line in (LINUX / "control.in").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(" "):
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    for key in (
        "Package",
        "Version",
        "Architecture",
        "Maintainer",
        "Installed-Size",
        "Depends",
        "Section",
        "Priority",
        "Description",
    ):
        assert fields.get(key), key
    assert fields["Package"] == "pingan-writer"
    assert "libxcb-cursor0" in fields["Depends"] and "fonts-noto-cjk" in fields["Depends"]
    assert "libreoffice-writer" in fields["Recommends"]  # recommended, not required
    assert "libreoffice" not in fields["Depends"]


def test_control_depends_on_every_library_the_app_checks_for():
    """The app refuses to start when one of these is missing (gui.app.display_problem), so the
    package must pull each in."""
    from pingan_writer.gui.app import XCB_LIBS

    depends = (LINUX / "control.in").read_text(encoding="utf-8")
    assert all(package in depends for package in XCB_LIBS.values())


# -- the command line: files open the desktop app --------------------------------------------


@pytest.fixture
def gui_calls(monkeypatch) -> list[list[str]]:
    """Replace the desktop app's runner: record what it would open instead of opening a window."""
    calls: list[list[str]] = []

    def fake_gui(args: argparse.Namespace) -> int:
        calls.append(list(args.file or []))
        return 0

    monkeypatch.setattr(cli, "cmd_gui", fake_gui)
    return calls


def test_a_draft_named_alone_opens_in_the_desktop_app(gui_calls, tmp_path):
    draft = tmp_path / "发言.pingan"
    draft.write_text("{}", encoding="utf-8")
    assert cli.main([str(draft)]) == 0
    assert gui_calls == [[str(draft)]]


def test_several_files_from_the_file_manager_all_go_to_the_app(gui_calls, tmp_path):
    docx = tmp_path / "通知.docx"
    docx.write_bytes(b"")
    assert cli.main([str(docx), str(SOURCE_SAMPLE)]) == 0
    assert gui_calls == [[str(docx), str(SOURCE_SAMPLE)]]


def test_a_missing_draft_still_opens_the_app_which_explains(gui_calls, tmp_path):
    missing = tmp_path / "不存在.pingan"
    assert cli.main([str(missing)]) == 0
    assert gui_calls == [[str(missing)]]


def test_no_arguments_start_the_app(gui_calls):
    assert cli.main([]) == 0
    assert gui_calls == [[]]


def test_a_command_is_still_the_command_line(gui_calls, capsys):
    assert cli.main(["outline", str(SOURCE_SAMPLE)]) == 0
    assert gui_calls == []
    assert "一、深刻理解建设更高水平的平安中国的时代背景和战略意义" in capsys.readouterr().out


def test_a_mistyped_command_is_a_usage_error_not_a_file(gui_calls, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:
        cli.main(["outlin", str(SOURCE_SAMPLE)])
    assert exc.value.code == 2
    assert gui_calls == []


def test_a_file_named_like_a_command_is_the_command(gui_calls, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "outline").write_text("x", encoding="utf-8")
    assert cli.main(["outline", str(SOURCE_SAMPLE)]) == 0
    assert gui_calls == []


def test_gui_command_takes_files_too(gui_calls, tmp_path):
    draft = tmp_path / "a.pingan"
    assert cli.main(["gui", str(draft)]) == 0
    assert gui_calls == [[str(draft)]]


# -- the desktop app: what each file named on the command line becomes ------------------------


class FakeWindow:
    """Records what gui.app.open_files asks of the main window."""

    def __init__(self) -> None:
        self.opened: list[str] = []
        self.imported: list[list[str]] = []
        self.errors: list[tuple[str, str]] = []
        self.ctx = self

    def open_draft(self, path: str) -> None:
        self.opened.append(path)

    def import_paths(self, paths: list[str]) -> None:
        self.imported.append(paths)

    def error(self, title: str, message: str) -> None:
        self.errors.append((title, message))


def test_open_files_opens_a_draft_and_imports_sources(tmp_path):
    from pingan_writer.gui.app import open_files

    draft = tmp_path / "发言.pingan"
    draft.write_text("{}", encoding="utf-8")
    docx = tmp_path / "通知.DOCX"
    docx.write_bytes(b"")
    window = FakeWindow()
    open_files(window, [str(docx), str(draft), str(SOURCE_SAMPLE)])
    assert window.opened == [str(draft)]
    assert window.imported == [[str(docx), str(SOURCE_SAMPLE)]]
    assert window.errors == []


def test_open_files_explains_missing_and_unsupported_files_in_chinese(tmp_path):
    from pingan_writer.gui.app import open_files

    picture = tmp_path / "照片.jpg"
    picture.write_bytes(b"\xff\xd8")
    window = FakeWindow()
    open_files(window, [str(tmp_path / "不存在.pingan"), str(picture)])
    assert window.opened == [] and window.imported == []
    ((title, message),) = window.errors
    assert title == "打开文件"
    assert "找不到文件" in message and "不存在.pingan" in message
    assert "无法打开 照片.jpg" in message and ".docx" in message
