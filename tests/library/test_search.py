"""Search ranking and matching on the samples, checked against brute force over the passages."""

from __future__ import annotations

import pytest

from pingan_writer.library.search import phrase_search, related, search


def passages(lib):
    return lib.conn.execute("SELECT source_id, start, end, text FROM passages").fetchall()


def containing(lib, *needles: str) -> set[tuple[int, int]]:
    """(source, start) of every passage holding all the needles: the brute-force answer."""
    return {(p[0], p[1]) for p in passages(lib) if all(n in p[3] for n in needles)}


def found(hits) -> set[tuple[int, int]]:
    return {(h.source, h.start) for h in hits}


def covered(ranges) -> set[int]:
    return {i for s, e in ranges for i in range(s, e)}


def occurrences(hit, *needles: str) -> set[int]:
    """Source offsets of every character of every occurrence of the needles in the passage."""
    out: set[int] = set()
    for n in needles:
        at = hit.text.find(n)
        while at >= 0:
            out.update(range(hit.start + at, hit.start + at + len(n)))
            at = hit.text.find(n, at + 1)
    return out


def marked(lib, hit) -> list[str]:
    """The source text under each hit range."""
    text = lib.get_source(hit.source).text
    return [text[s:e] for s, e in hit.hits]


def test_passages_containing_the_term_come_first(sample_library):
    hits = search(sample_library, "枫桥经验", limit=50)
    assert found(hits) == containing(sample_library, "枫桥经验") and len(hits) == 3
    assert all(marked(sample_library, h) == ["枫桥经验"] for h in hits)
    # Each passage holds the term once, so BM25 ranks the shorter passage higher: a strict order.
    assert [len(h.text) for h in hits] == sorted(len(h.text) for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert hits[0].source_title == "学习体会发言-建设更高水平的平安中国" and hits[0].path == ["主要内容"]


def test_more_specific_query_ranks_the_passage_with_all_words_first(sample_library):
    hits = search(sample_library, "国家安全 人民防线")
    assert found(hits) == containing(sample_library, "国家安全", "人民防线") and len(hits) == 2
    for h in hits:  # the source's passage and the talk's, which quotes it
        assert h.text.startswith("三是巩固国家安全人民防线。维护国家安全是全社会的责任。")
        assert h.path[-1] == "巩固国家安全人民防线"
        assert covered(h.hits) == occurrences(h, "国家安全", "人民防线")  # touching ones merged
        assert "国家安全人民防线" in marked(sample_library, h)


def test_hits_are_offsets_into_the_source_text(sample_library):
    hits = search(sample_library, "枫桥经验")
    assert hits
    for h in hits:
        source = sample_library.get_source(h.source)
        assert source.text[h.start : h.end] == h.text
        at = h.text.index("枫桥经验")
        assert h.hits == [(h.start + at, h.start + at + 4)]  # the one occurrence, exactly


def test_results_carry_title_and_outline_path(sample_library):
    hits = [h for h in search(sample_library, "枫桥经验") if h.source_title == "建设更高水平的平安中国"]
    # section › subsection › 一是/二是 point, in the order the source has them
    assert sorted((h.start, tuple(h.path)) for h in hits) == [
        (
            3911,
            (
                "准确把握建设更高水平的平安中国的基本要求",
                "创新方法路径，增强平安中国建设实效性",
                "以自治、法治、德治和科技运用为方式",
            ),
        ),
        (
            5733,
            (
                "认真落实“十四五”时期建设更高水平的平安中国的重点工作任务和措施",
                "维护社会稳定和安全",
                "正确处理新形势下人民内部矛盾",
            ),
        ),
    ]
    for h in hits:  # each path is the outline at the passage's start
        outline = sample_library.get_source(h.source).outline
        assert h.path == [n.title or n.number for n in outline.path_at(h.start)]
        assert h.text.startswith(
            ("二是以自治、法治、德治和科技运用为方式。", "一是正确处理新形势下人民内部矛盾。")
        )


def test_two_character_word_finds_longer_words_that_contain_it(sample_library):
    hits = search(sample_library, "平安", limit=200)
    assert found(hits) == containing(sample_library, "平安")
    assert all(set(marked(sample_library, h)) == {"平安"} for h in hits)
    # 平安 is indexed inside 平安中国 (a dictionary term) too:
    assert any("平安中国" in h.text and h.text.count("平安") == h.text.count("平安中国") for h in hits)


def test_a_fragment_across_words_does_not_flood_results(sample_library):
    # 安中 occurs only inside 平安中国; it is not a word, so it must not match every passage.
    assert search(sample_library, "安中") == []


@pytest.mark.parametrize("quoted", ['"安全发展"', "“安全发展”"])
def test_exact_phrase_matches_brute_force(sample_library, quoted):
    expected = {(p[0], p[1]) for p in passages(sample_library) if "安全发展" in p[3]}
    hits = search(sample_library, quoted, limit=100)
    assert {(h.source, h.start) for h in hits} == expected


def test_pasted_fragment_cut_mid_word_finds_its_passage(sample_library):
    fragment = "国建设取得显著"  # from 平安中国建设取得显著成就, cut inside words at both ends
    hits = search(sample_library, fragment)
    assert hits and found(hits) == containing(sample_library, fragment)
    assert all(marked(sample_library, h) == [fragment] for h in hits)


def test_pasted_text_with_line_breaks_and_indent_is_found_as_a_phrase(sample_library):
    hits = search(sample_library, '"统筹发展和安全，\n　　把安全摆到"')
    assert hits and found(hits) == containing(sample_library, "统筹发展和安全，把安全摆到")
    assert all(marked(sample_library, h) == ["统筹发展和安全，把安全摆到"] for h in hits)


def test_one_and_two_character_phrases_scan(sample_library):
    expected = {(p[0], p[1]) for p in passages(sample_library) if "浙江" in p[3]}
    assert {(h.source, h.start) for h in phrase_search(sample_library, "浙江", limit=100)} == expected


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "NEAR(平安 中国)",
        "平安 AND",
        "OR",
        "*",
        "col:平安",
        "(",
        ")",
        "{}",
        "'",
        "\\",
    ],
)
def test_fts_syntax_in_a_query_finds_only_what_the_text_finds(sample_library, query):
    """FTS operators are text: a query of them alone, or one whose parts (NEAR, AND, col:) no
    passage holds, finds nothing; it never errors, and never matches everything."""
    assert search(sample_library, query, limit=500) == []


@pytest.mark.parametrize(("query", "word"), [("平安*", "平安"), ("-平安", "平安"), ("^安全", "安全")])
def test_fts_operators_around_a_word_are_ignored_punctuation(sample_library, query, word):
    hits = search(sample_library, query, limit=500)
    assert found(hits) == containing(sample_library, word) and hits
    assert all(set(marked(sample_library, h)) == {word} for h in hits)


def test_filter_by_source(sample_library):
    talk = next(i.id for i in sample_library.sources() if i.title.startswith("学习体会发言"))
    hits = search(sample_library, "枫桥经验", source_id=talk)
    assert found(hits) == {k for k in containing(sample_library, "枫桥经验") if k[0] == talk}
    assert len(hits) == 1 and hits[0].text.startswith("“枫桥经验”发展到今天")


def test_results_follow_typing_last_word_is_a_prefix(sample_library):
    typed = search(sample_library, "枫")
    assert typed and all("枫桥" in h.text for h in typed)
    unfinished = search(sample_library, "枫桥经")  # an unfinished word still finds its passages
    assert found(unfinished) == containing(sample_library, "枫桥经验")
    assert all(marked(sample_library, h) == ["枫桥经"] for h in unfinished)


def test_related_passages_put_the_quoted_passage_first(sample_library):
    quoted = "有针对性地加强对重点人群帮扶救助、心理疏导、法律援助，最大限度消解社会戾气"
    hits = related(sample_library, quoted, limit=5)
    assert hits and quoted in hits[0].text
    assert hits[0].path[-1] == "健全社会心理服务体系和危机干预机制"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_related_to_nothing_meaningful_is_empty(sample_library):
    assert related(sample_library, "要，的。") == []


def test_a_multi_word_query_with_a_part_the_segmenter_cut_differently(sample_library):
    # The source cuts 平安创建活动 as 平安创建/活动, so 创建活动 is never an indexed word.
    hits = search(sample_library, "深入开展 创建活动")  # two phrases
    assert hits and found(hits) == containing(sample_library, "深入开展", "创建活动")
    assert all(set(marked(sample_library, h)) == {"深入开展", "创建活动"} for h in hits)
    mixed = search(sample_library, "开展 创建活动")  # a short part as a word, a long one as a phrase
    assert mixed and found(mixed) == containing(sample_library, "开展", "创建活动")
    assert search(sample_library, "不存在的词 创建活动") == []
    assert search(sample_library, "完全 创建活动") == []
