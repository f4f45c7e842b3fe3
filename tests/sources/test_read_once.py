"""A file read twice in a row is read once: `quotes 稿.md --source 稿.md` used to parse the same
megabyte of Markdown twice (issue 12). The key is the content, never the name or the time."""

from __future__ import annotations

import pingan_writer.sources.reader as reader
from pingan_writer.sources import read_source


def counting_reader(monkeypatch):
    calls = []
    real = reader.read_md

    def read_md(data, path):
        calls.append(path)
        return real(data, path)

    monkeypatch.setattr(reader, "read_md", read_md)
    return calls


def test_the_same_bytes_are_parsed_once_even_under_two_names(tmp_path, monkeypatch):
    calls = counting_reader(monkeypatch)
    text = "# 标题\n\n- 第一项内容\n- 第二项内容\n"
    a, b = tmp_path / "甲.md", tmp_path / "乙.md"
    a.write_text(text, encoding="utf-8")
    b.write_text(text, encoding="utf-8")
    first, second = read_source(a), read_source(b)
    assert len(calls) == 1
    assert first.text == second.text
    assert (first.path, second.path) == (a, b)  # each source still names its own file


def test_an_edited_file_is_read_again(tmp_path, monkeypatch):
    calls = counting_reader(monkeypatch)
    path = tmp_path / "稿.md"
    path.write_text("- 原来的内容\n", encoding="utf-8")
    assert read_source(path).text == "原来的内容"
    path.write_text("- 改过的内容\n", encoding="utf-8")
    assert read_source(path).text == "改过的内容"
    assert len(calls) == 2


def test_a_source_changed_after_reading_does_not_change_the_next_read(tmp_path):
    path = tmp_path / "稿.md"
    path.write_text("- 第一项内容\n", encoding="utf-8")
    first = read_source(path)
    first.notes.append("只属于第一次")
    assert read_source(path).notes == []
