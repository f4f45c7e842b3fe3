"""The missing-fonts notice: one wording for the export dialog and `export`, naming the fonts
this machine lacks and the installed alternative a user can choose instead."""

from __future__ import annotations

import pytest

from pingan_writer.export import fonts
from pingan_writer.export.options import ExportOptions

WINDOWS_WITHOUT_GB2312 = frozenset(
    name.casefold()
    for name in ("仿宋", "FangSong", "楷体", "KaiTi", "黑体", "SimHei", "宋体", "Times New Roman")
)


@pytest.fixture
def machine(monkeypatch):
    def use(families):
        monkeypatch.setattr(fonts, "installed_families", lambda: families)

    return use


def test_names_what_is_missing_and_offers_the_installed_alternatives(machine):
    machine(WINDOWS_WITHOUT_GB2312)
    notice = fonts.missing_fonts_notice(ExportOptions())
    assert notice.startswith("本机没有安装 方正小标宋简体、仿宋_GB2312、楷体_GB2312。")
    assert notice.endswith("本机有 “仿宋”、“楷体”，可改选。")


def test_choosing_the_installed_names_leaves_only_what_has_no_alternative(machine):
    machine(WINDOWS_WITHOUT_GB2312)
    notice = fonts.missing_fonts_notice(ExportOptions(fangsong="仿宋", kaiti="楷体"))
    assert notice.startswith("本机没有安装 方正小标宋简体。") and "可改选" not in notice


def test_pdf_wording_says_what_draws_instead(machine):
    machine(frozenset())
    assert "PDF 中将用字形相近的免费简体字体代替" in fonts.missing_fonts_notice(ExportOptions(), pdf=True)


def test_nothing_to_say_when_all_are_installed_or_it_cannot_be_known(machine):
    everything = frozenset(n.casefold() for n in fonts.fonts_used(ExportOptions()))
    machine(everything)
    assert fonts.missing_fonts_notice(ExportOptions()) is None
    machine(None)
    assert fonts.missing_fonts_notice(ExportOptions()) is None


def test_cli_export_says_it_on_stderr(machine, tmp_path, capsys):
    from pingan_writer.cli import main

    from ..conftest import TALK_SAMPLE

    machine(WINDOWS_WITHOUT_GB2312)
    out = tmp_path / "发言.docx"
    assert main(["export", str(TALK_SAMPLE), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "提示：本机没有安装 方正小标宋简体、仿宋_GB2312、楷体_GB2312" in err and out.exists()


def test_a_speakers_copy_names_only_its_own_fonts(machine):
    machine(WINDOWS_WITHOUT_GB2312)
    assert fonts.missing_fonts(ExportOptions(speaker_copy=True)) == ["仿宋_GB2312"]
