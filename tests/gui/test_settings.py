"""Settings: typed values that survive a restart, and defaults instead of errors for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from pingan_writer.export.options import ExportOptions
from pingan_writer.gui.settings import MAX_RECENT_FILES, Preferences, Settings


def reopened(settings: Settings) -> Settings:
    """A fresh Settings on the same file, as at the next start of the app."""
    settings.sync()
    return Settings(QSettings(settings.store.fileName(), QSettings.Format.IniFormat))


def test_fresh_settings_give_the_defaults():
    settings = Settings()
    assert settings.preferences() == Preferences()
    assert settings.preferences().speaking_rate == 180
    assert settings.recent_files() == []
    assert settings.last_export_dir() == Path.home()
    assert settings.last_import_dir() == Path.home()
    assert settings.window_geometry().isEmpty()
    assert settings.window_state().isEmpty()
    assert settings.first_run_done() is False
    assert settings.speaker() == ""
    assert settings.meeting() == ""


def test_preferences_round_trip_through_the_file():
    prefs = Preferences(
        speaking_rate=210,
        target_minutes=12.5,
        line_pitch=28,
        quote_style="kai",
        source_notes=True,
        page_numbers=False,
        signature=False,
        fangsong="仿宋",
        kaiti="楷体",
        provenance="comments",
        editor_font_family="Noto Serif CJK SC",
        editor_font_size=18,
    )
    settings = Settings()
    settings.set_preferences(prefs)
    assert reopened(settings).preferences() == prefs


def test_other_values_round_trip(tmp_path):
    settings = Settings()
    settings.set_last_export_dir(tmp_path)
    settings.set_last_import_dir(tmp_path / "sources")
    (tmp_path / "sources").mkdir()
    settings.set_window_geometry(QByteArray(b"\x01\x02\xff\x00geometry"))
    settings.set_window_state(QByteArray(b"\x00state\xfe"))
    settings.set_first_run_done()
    settings.set_speaker("张三")
    settings.set_meeting("理论学习中心组学习会")

    again = reopened(settings)
    assert again.last_export_dir() == tmp_path
    assert again.last_import_dir() == tmp_path / "sources"
    assert again.window_geometry() == QByteArray(b"\x01\x02\xff\x00geometry")
    assert again.window_state() == QByteArray(b"\x00state\xfe")
    assert again.first_run_done() is True
    assert again.speaker() == "张三"
    assert again.meeting() == "理论学习中心组学习会"


def test_a_folder_that_is_gone_falls_back_to_home(tmp_path):
    settings = Settings()
    settings.set_last_export_dir(tmp_path / "deleted")
    assert settings.last_export_dir() == Path.home()


def test_hand_edited_file_with_bad_values_gives_defaults(tmp_path):
    ini = tmp_path / "broken.ini"
    ini.write_text(
        "[preferences]\n"
        "speaking_rate=fast\n"
        "target_minutes=nan\n"
        "line_pitch=30\n"
        "quote_style=bold\n"
        "source_notes=maybe\n"
        "page_numbers=2\n"
        "signature=\n"
        "editor_font_size=-1\n"
        "[recent]\n"
        "files=42\n"
        "[window]\n"
        "geometry=not bytes\n"
        "[app]\n"
        "first_run_done=sometimes\n",
        encoding="utf-8",
    )
    settings = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
    assert settings.preferences() == Preferences()
    assert settings.recent_files() == [Path("42")]  # a plain string is one path: harmless
    assert settings.window_geometry().isEmpty()
    assert settings.first_run_done() is False


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("preferences/speaking_rate", 5000),
        ("preferences/speaking_rate", True),
        ("preferences/target_minutes", 0.5),
        ("preferences/target_minutes", [1, 2]),
        ("preferences/line_pitch", 27),
        ("preferences/quote_style", 3),
        ("preferences/editor_font_size", 99),
        ("preferences/editor_font_family", 12),
        ("preferences/fangsong", "宋体"),
        ("preferences/kaiti", 7),
        ("preferences/provenance", "endnotes"),
    ],
)
def test_wrong_type_or_out_of_range_values_fall_back_to_the_default(key, value):
    settings = Settings()
    settings.store.setValue(key, value)
    assert reopened(settings).preferences() == Preferences()


def test_wrongly_typed_simple_values_fall_back():
    settings = Settings()
    settings.store.setValue("wizard/speaker", ["a", "b"])
    settings.store.setValue("window/state", 12)
    settings.store.setValue("recent/files", {"a": 1})
    assert settings.speaker() == ""
    assert settings.window_state().isEmpty()
    assert settings.recent_files() == []


def test_saving_out_of_range_preferences_stores_defaults_for_those_fields():
    settings = Settings()
    settings.set_preferences(Preferences(speaking_rate=20, line_pitch=40, editor_font_size=12))
    stored = reopened(settings).preferences()
    assert stored.speaking_rate == 180
    assert stored.line_pitch == 29
    assert stored.editor_font_size == 12


def test_export_options_follow_the_preferences():
    prefs = Preferences(
        line_pitch=28, quote_style="kai", source_notes=True, page_numbers=False, signature=False
    )
    assert prefs.export_options() == ExportOptions(
        quote_style="kai", source_notes=True, line_pitch=28, page_numbers=False, signature=False
    )
    assert Preferences(fangsong="仿宋", kaiti="楷体", provenance="notes").export_options() == ExportOptions(
        fangsong="仿宋", kaiti="楷体", provenance="notes"
    )
    # ExportOptions itself would raise on line_pitch=30; preferences never pass that on.
    assert Preferences(line_pitch=30, quote_style="bold").export_options() == ExportOptions()


def test_recent_files_most_recent_first_and_deduplicated(tmp_path):
    settings = Settings()
    a, b, c = (tmp_path / f"{n}.pawriter" for n in "abc")
    for path in (a, b, c):
        settings.add_recent_file(path)
    assert settings.recent_files() == [c, b, a]
    settings.add_recent_file(a)
    assert settings.recent_files() == [a, c, b]


def test_recent_files_count_the_same_file_once_however_it_is_spelt(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings()
    settings.add_recent_file(tmp_path / "talk.pawriter")
    settings.add_recent_file("talk.pawriter")
    settings.add_recent_file(tmp_path / "sub" / ".." / "talk.pawriter")
    assert settings.recent_files() == [tmp_path / "talk.pawriter"]


def test_recent_files_keep_at_most_ten(tmp_path):
    settings = Settings()
    paths = [tmp_path / f"{i}.pawriter" for i in range(MAX_RECENT_FILES + 3)]
    for path in paths:
        settings.add_recent_file(path)
    assert MAX_RECENT_FILES == 10
    assert settings.recent_files() == list(reversed(paths))[:MAX_RECENT_FILES]


def test_a_single_recent_file_survives_a_restart(tmp_path):
    # The INI backend stores a one-element list as a plain string.
    settings = Settings()
    settings.add_recent_file(tmp_path / "only.pawriter")
    assert reopened(settings).recent_files() == [tmp_path / "only.pawriter"]


def test_missing_recent_files_are_kept_but_filtered_for_the_menu(tmp_path):
    settings = Settings()
    kept = tmp_path / "kept.pawriter"
    kept.write_text("{}", encoding="utf-8")
    gone = tmp_path / "gone.pawriter"
    settings.add_recent_file(kept)
    settings.add_recent_file(gone)
    assert settings.recent_files() == [gone, kept]
    assert settings.existing_recent_files() == [kept]


def test_recent_files_can_be_removed_and_cleared(tmp_path):
    settings = Settings()
    settings.add_recent_file(tmp_path / "a.pawriter")
    settings.add_recent_file(tmp_path / "b.pawriter")
    settings.remove_recent_file(tmp_path / "a.pawriter")
    assert settings.recent_files() == [tmp_path / "b.pawriter"]
    settings.clear_recent_files()
    assert settings.recent_files() == []
