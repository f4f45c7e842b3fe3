"""Markdown nested deeply is read whole or refused naming the file, never half-read (issue 12,
class 5: markdown-it's default maxNesting silently dropped everything below ~10 list levels)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pingan_writer.errors import SourceError
from pingan_writer.sources import read_source
from pingan_writer.sources.markdown import MAX_DEPTH


def nested_list(levels: int, ordered: bool = False) -> str:
    if ordered:
        return "".join("   " * i + f"1. 第{i}项内容\n" for i in range(levels))
    return "".join("  " * i + f"- 第{i}项内容\n" for i in range(levels))


def nested_quote(levels: int) -> str:
    return "\n".join(">" * i + f" 第{i}层内容\n" + ">" * i for i in range(1, levels + 1)) + "\n"


def read(tmp_path, text: str, name: str = "深.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_source(path)


def test_a_30_level_list_is_read_whole(tmp_path):
    text = read(tmp_path, nested_list(30)).text
    assert [f"第{i}项内容" in text for i in range(30)] == [True] * 30


def test_a_50_level_quote_is_read_whole(tmp_path):
    text = read(tmp_path, nested_quote(50)).text
    assert [f"第{i}层内容" in text for i in range(1, 51)] == [True] * 50


@pytest.mark.parametrize("make", [nested_list, lambda n: nested_list(n, ordered=True), nested_quote])
def test_nesting_up_to_the_limit_is_read_whole(tmp_path, make):
    text = read(tmp_path, make(MAX_DEPTH)).text
    assert "第99" in text and text.count("内容") == MAX_DEPTH


@pytest.mark.parametrize(
    "content",
    [nested_list(MAX_DEPTH + 1), nested_quote(MAX_DEPTH + 1), ">" * 1_000_000, "- " * 300 + "最深处"],
    ids=["list", "quote", "1 MB of >", "list markers on one line"],
)
def test_nesting_past_the_limit_is_refused_naming_the_file(tmp_path, content):
    path = tmp_path / "太深.md"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError) as exc:
        read_source(path)
    assert str(path) in str(exc.value) and f"嵌套超过 {MAX_DEPTH} 层" in str(exc.value)


def test_deep_brackets_in_a_paragraph_stay_as_text(tmp_path):
    text = read(tmp_path, "正文" + "[" * 5000 + "末尾\n").text
    assert text.endswith("末尾") and text.count("[") == 5000


# A block is a nest of containers (list items and quotes) around a paragraph; every paragraph's
# words must be in the text whatever the nesting, or the file must be refused.
BLOCK = st.tuples(st.lists(st.sampled_from(["- ", "1. ", "> "]), max_size=30), st.integers(1, 40))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blocks=st.lists(BLOCK, min_size=1, max_size=6), repeat=st.integers(200, 600))
def test_thousands_of_nested_lines_are_read_whole(tmp_path, blocks, repeat):
    lines, words = [], []
    for n in range(repeat):
        containers, size = blocks[n % len(blocks)]
        indent = ""
        for marker in containers:  # each container opens on its own line, nested in the last
            lines.append(indent + marker + "条目")
            indent += " " * len(marker)
        word = f"词{n}号" * (1 + size % 3)
        words.append(word)
        lines.append(indent + word)
        lines.append("")
    path = tmp_path / "多层.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    text = read_source(path).text
    assert all(word in text for word in words)
