"""The remaining slow paths of issue 12 (hardening_bench): a text's outline parsed once however
many stages ask for it, paths of ascending passages from one walk, `outline --json` that grows
with the nodes and not with nodes × depth, keywords of a stored source's sections from one read.

Work is counted, never timed: parses, SQL statements, bytes of output, lines of code run."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import pingan_writer.text.outline as outline_module
from pingan_writer.cli import main
from pingan_writer.draft.fileformat import load_draft
from pingan_writer.draft.preflight import preflight
from pingan_writer.export.api import export_draft
from pingan_writer.library.importer import import_file
from pingan_writer.library.keywords import node_keywords, stored_sections_keywords
from pingan_writer.library.store import Library
from pingan_writer.text.numerals import int_to_cn
from pingan_writer.text.outline import HEADING, OutlineNode, parse_outline

from .test_adversarial_outline import check_tree, work
from .test_outline_properties import official_lines


def _count_parses(monkeypatch) -> list[str]:
    """Texts the outline engine really parses (the cache's misses), from now on."""
    parsed: list[str] = []
    real = outline_module._parse

    def counting(text, hints):
        parsed.append(text)
        return real(text, hints)

    monkeypatch.setattr(outline_module, "_parse", counting)
    outline_module._cache.clear()
    return parsed


def _sections(count: int) -> str:
    return "".join(f"{int_to_cn(i % 999 + 1)}、第{i}部分\n　　一是学习，二是落实。\n" for i in range(count))


# --- one parse per text -----------------------------------------------------------------------


def test_reading_checking_and_exporting_a_draft_parse_its_outline_once(tmp_path, monkeypatch) -> None:
    path = tmp_path / "稿件.txt"
    path.write_text(_sections(30), encoding="utf-8")
    parsed = _count_parses(monkeypatch)
    draft = load_draft(path)
    preflight(draft)
    export_draft(draft, tmp_path / "out.docx")
    assert parsed == [draft.text]  # reader, numbering check and writer: one parse between them


def test_the_same_text_gives_the_same_outline_and_another_text_a_new_one(monkeypatch) -> None:
    parsed = _count_parses(monkeypatch)
    text = _sections(5)
    first = parse_outline(text)
    assert parse_outline("".join([text])) is first  # equal text, another str object
    other = parse_outline(text + "六、补充\n")
    assert other is not first and len(other.nodes) == 6
    assert len(parsed) == 2


def test_the_cache_is_bounded(monkeypatch) -> None:
    parsed = _count_parses(monkeypatch)
    texts = [_sections(n) for n in range(1, 3 * outline_module._CACHE_SIZE)]
    for text in texts:
        parse_outline(text)
    assert len(outline_module._cache) == outline_module._CACHE_SIZE
    parse_outline(texts[0])  # long since evicted: parsed again
    assert len(parsed) == len(texts) + 1


def test_hints_are_part_of_what_is_cached(monkeypatch) -> None:
    _count_parses(monkeypatch)
    text = "总则\n正文一段。\n"
    assert parse_outline(text).nodes == []
    hinted = parse_outline(text, [outline_module.HeadingHint(0, 1)])
    assert [n.kind for n in hinted.nodes] == [HEADING]


# --- paths of ascending offsets ---------------------------------------------------------------


many_lines = st.lists(official_lines, min_size=1, max_size=120).map("\n".join)


@settings(max_examples=60, deadline=None)
@given(many_lines, st.lists(st.integers(-5, 20_000), max_size=80))
def test_paths_at_equals_path_at_for_ascending_and_unordered_offsets(text: str, probes: list[int]) -> None:
    outline = parse_outline(text)
    offsets = [*sorted(probes), *probes]  # ascending, then in any order
    assert [[id(n) for n in p] for p in outline.paths_at(offsets)] == [
        [id(n) for n in outline.path_at(x)] for x in offsets
    ]


def test_paths_of_every_paragraph_in_a_tree_at_the_depth_bound() -> None:
    text = "一、标题\n正文。\n" * 2000
    outline = parse_outline(text)
    starts = [i for i in range(len(text)) if i == 0 or text[i - 1] == "\n"]
    paths = outline.paths_at(starts)
    assert max(len(p) for p in paths) == outline_module.MAX_HEADING_DEPTH
    assert paths == [outline.path_at(s) for s in starts]


def _path_work(n: int) -> int:
    text = "一、标题\n正文。\n" * n
    outline = parse_outline(text)
    starts = [i for i in range(len(text)) if i == 0 or text[i - 1] == "\n"]
    return work(lambda: outline.paths_at(starts))


def test_paths_at_work_per_passage_does_not_grow_with_the_document() -> None:
    small, large = _path_work(1500), _path_work(3000)
    assert large <= 2.5 * small, f"work {small} → {large} when the document doubles"


# --- outline --json ---------------------------------------------------------------------------


def test_outline_json_of_a_deep_outline_is_about_as_big_as_its_compact_encoding(tmp_path, capsys) -> None:
    path = tmp_path / "深.txt"
    path.write_text("一、标题\n" * 400, encoding="utf-8")  # 32 levels, then siblings at the bound
    assert main(["outline", "--json", str(path)]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    compact = json.dumps(data, ensure_ascii=False)
    # Indenting every level made the output grow with nodes × depth (11× this size at 1 MB).
    assert len(out) <= 1.2 * len(compact)
    assert data["nodes"] == [n.to_dict() for n in parse_outline(path.read_text(encoding="utf-8")).nodes]


def test_outline_json_of_a_file_without_headings(tmp_path, capsys) -> None:
    path = tmp_path / "平.txt"
    path.write_text("只有一段正文，没有标题层级。\n", encoding="utf-8")
    assert main(["outline", "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["nodes"] == []


# --- keywords of a stored source's sections ---------------------------------------------------


def _stored(tmp_path: Path, n: int) -> tuple[Library, int, list[tuple[int, int]]]:
    path = tmp_path / f"s{n}.txt"
    path.write_text("一、标题\n　　加强组织领导，压实工作责任。\n" * n, encoding="utf-8")
    lib = Library.open(tmp_path / f"lib{n}.sqlite3")
    source_id = import_file(lib, path).source_id
    source = lib.get_source(source_id)
    spans = [(node.start, node.end) for node in source.outline.walk() if node.kind == HEADING]
    return lib, source_id, spans


def _keywords_statements(tmp_path: Path, capsys, monkeypatch, n: int) -> int:
    """SQL statements `keywords --source` runs for a stored source of `n` sections."""
    lib, _, _ = _stored(tmp_path, n)
    lib.close()
    count = 0

    def trace(_sql: str) -> None:
        nonlocal count
        count += 1

    real_open = Library.open.__func__

    def traced_open(cls, *args, **kwargs):
        opened = real_open(cls, *args, **kwargs)
        opened.conn.set_trace_callback(trace)
        return opened

    with monkeypatch.context() as m:
        m.setattr(Library, "open", classmethod(traced_open))
        assert main(["keywords", "--source", "1", "--library", str(tmp_path / f"lib{n}.sqlite3")]) == 0
    capsys.readouterr()
    return count


def test_keywords_of_stored_sections_take_the_same_statements_however_many_sections(
    tmp_path, capsys, monkeypatch
) -> None:
    small = _keywords_statements(tmp_path, capsys, monkeypatch, 100)
    large = _keywords_statements(tmp_path, capsys, monkeypatch, 200)
    assert large == small  # once a node before: three statements more for each section


def test_stored_section_keywords_equal_node_keywords(tmp_path) -> None:
    lib, source_id, _ = _stored(tmp_path, 60)
    with lib:
        source = lib.get_source(source_id)
        nodes = [n for n in source.outline.walk() if n.kind == HEADING]
        spans = [(n.start, n.end) for n in nodes] + [(0, 0), (5, 5), (0, len(source.text))]
        found = stored_sections_keywords(lib, source_id, spans, top=5)
        ranges = [OutlineNode(HEADING, 1, "", "", s, e) for s, e in spans[-3:]]
        assert found == [node_keywords(lib, source_id, n, top=5) for n in [*nodes, *ranges]]


def test_keywords_of_a_deep_source_from_the_library(tmp_path, capsys) -> None:
    path = tmp_path / "深.txt"
    path.write_text("一、标题\n　　加强组织领导。\n" * 300, encoding="utf-8")
    lib = tmp_path / "lib.sqlite3"
    assert main(["library", "add", str(path), "--library", str(lib)]) == 0
    capsys.readouterr()
    assert main(["keywords", "--source", "1", "--library", str(lib), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["nodes"]) == 300
    assert max(len(n["path"]) for n in data["nodes"]) == outline_module.MAX_HEADING_DEPTH


# --- the engine on long repetitive input (hypothesis) -----------------------------------------


_UNITS = ["一、标题\n", "（一）小节\n", "①条目\n", "附件\n", "一是甲，二是乙；", "①甲。②乙。", "第一，丙。\n"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_UNITS), st.integers(1, 400)), min_size=1, max_size=12))
def test_thousands_of_lines_of_repeated_units_give_a_well_formed_tree(runs: list[tuple[str, int]]) -> None:
    text = "".join(unit * count for unit, count in runs)
    outline = parse_outline(text)
    check_tree(text, outline)
    assert parse_outline(text) is outline
