"""Plain-text sources in the encodings and line endings Chinese files really come in."""

from __future__ import annotations

import codecs

import pytest

from pingan_writer.sources import read_source
from pingan_writer.sources.encoding import decode_text

from ..conftest import SOURCE_SAMPLE
from ..test_sample_outlines import shape

ENCODINGS = [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
    ("gbk", b"", "gbk"),
    ("gb18030", b"", "gbk"),  # the sample has no character outside GBK
]


@pytest.mark.parametrize("codec,bom,reported", ENCODINGS)
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_encoding_and_line_ending_gives_the_same_source(
    tmp_path, source_text, codec, bom, reported, newline
):
    path = tmp_path / "平安中国.txt"
    path.write_bytes(bom + source_text.replace("\n", newline).encode(codec))
    expected = read_source(SOURCE_SAMPLE)
    got = read_source(path)
    assert got.encoding == reported
    assert got.text == expected.text  # offsets are indices into this normalised text
    assert shape(got.outline.nodes) == shape(expected.outline.nodes)
    assert [(n.start, n.end) for n in got.outline.walk()] == [
        (n.start, n.end) for n in expected.outline.walk()
    ]


def test_gb18030_only_characters_are_reported_as_gb18030():
    text = "国家标准𠀀扩展字符。"  # 𠀀 (U+20000) exists in GB18030 but not in GBK
    decoded, name = decode_text(text.encode("gb18030"))
    assert (decoded, name) == (text, "gb18030")


def test_utf16_without_bom_is_recognised():
    text = "　　一、总体要求\n坚持稳中求进。"
    for codec in ("utf-16-le", "utf-16-be"):
        assert decode_text(text.encode(codec)) == (text, codec)


def test_big5_is_not_mistaken_for_gbk():
    text = "建設更高水平的平安中國，這是繁體中文文件。" * 5
    decoded, name = decode_text(text.encode("big5"))
    assert decoded == text
    assert name != "gbk"


def test_full_width_indentation_and_stray_blank_lines_do_not_change_the_outline(tmp_path):
    plain = "一、总体要求\n坚持稳中求进。\n（一）加强领导\n落实责任。\n"
    messy = "\n\n　　一、总体要求\n\n\n　　坚持稳中求进。\n \n\t（一）加强领导　\n\n　　落实责任。\n\n\n"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(plain, encoding="utf-8")
    b.write_text(messy, encoding="utf-8")
    assert shape(read_source(a).outline.nodes) == shape(read_source(b).outline.nodes)
    heading = read_source(b).outline.nodes[0]
    assert messy[heading.start : heading.end].startswith("一、总体要求")
    assert messy[heading.start : heading.end].endswith("落实责任。")


@pytest.mark.parametrize(
    "first_line,expected_title,origin",
    [
        ("关于进一步加强基层治理的实施意见", "关于进一步加强基层治理的实施意见", "text"),
        ("各位领导、同志们：", "会议发言", "filename"),  # a salutation is not a title
        ("一、总体要求", "会议发言", "filename"),  # numbered: a heading, not a title
        ("按照会议安排，由我分享个人体会。", "会议发言", "filename"),  # a sentence
    ],
)
def test_title_is_a_short_unnumbered_first_line_else_the_file_name(
    tmp_path, first_line, expected_title, origin
):
    path = tmp_path / "会议发言.txt"
    path.write_text(f"{first_line}\n正文第一段。\n", encoding="utf-8")
    source = read_source(path)
    assert (source.title, source.title_origin) == (expected_title, origin)
