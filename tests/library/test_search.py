"""Search ranking and matching on the samples, checked against brute force over the passages."""

from __future__ import annotations

import pytest

from pingan_writer.library.search import phrase_search, related, search


def passages(lib):
    return lib.conn.execute("SELECT source_id, start, end, text FROM passages").fetchall()


def test_passages_containing_the_term_come_first(sample_library):
    containing = [p for p in passages(sample_library) if "枫桥经验" in p[3]]
    hits = search(sample_library, "枫桥经验", limit=50)
    assert len(hits) == len(containing) == 3
    assert all("枫桥经验" in h.text for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_more_specific_query_ranks_the_passage_with_all_words_first(sample_library):
    hits = search(sample_library, "国家安全 人民防线")
    assert hits and all("国家安全" in h.text and "人民防线" in h.text for h in hits)


def test_hits_are_offsets_into_the_source_text(sample_library):
    for h in search(sample_library, "枫桥经验"):
        source = sample_library.get_source(h.source)
        assert source.text[h.start : h.end] == h.text
        assert h.hits and all(source.text[s:e] == "枫桥经验" for s, e in h.hits)


def test_results_carry_title_and_outline_path(sample_library):
    hit = next(h for h in search(sample_library, "枫桥经验") if h.source_title == "建设更高水平的平安中国")
    assert hit.path[0] in (
        "准确把握建设更高水平的平安中国的基本要求",
        "认真落实“十四五”时期建设更高水平的平安中国的重点工作任务和措施",
    )
    assert len(hit.path) == 3  # section › subsection › 一是/二是 point


def test_two_character_word_finds_longer_words_that_contain_it(sample_library):
    hits = search(sample_library, "平安", limit=200)
    assert hits and all("平安" in h.text for h in hits)
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
    assert hits and all(fragment in h.text for h in hits)


def test_pasted_text_with_line_breaks_and_indent_is_found_as_a_phrase(sample_library):
    hits = search(sample_library, '"统筹发展和安全，\n　　把安全摆到"')
    assert hits and "统筹发展和安全，把安全摆到" in hits[0].text


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
        "平安*",
        "-平安",
        "^安全",
        "col:平安",
        "(",
        ")",
        "{}",
        "'",
        "\\",
    ],
)
def test_fts_syntax_in_a_query_is_text_never_an_error(sample_library, query):
    hits = search(sample_library, query)
    assert isinstance(hits, list)


def test_filter_by_source(sample_library):
    talk = next(i.id for i in sample_library.sources() if i.title.startswith("学习体会发言"))
    hits = search(sample_library, "枫桥经验", source_id=talk)
    assert hits and {h.source for h in hits} == {talk}


def test_results_follow_typing_last_word_is_a_prefix(sample_library):
    assert all("枫桥" in h.text for h in search(sample_library, "枫"))
    assert search(sample_library, "枫桥经")  # an unfinished word still finds


def test_related_passages_put_the_quoted_passage_first(sample_library):
    quoted = "有针对性地加强对重点人群帮扶救助、心理疏导、法律援助，最大限度消解社会戾气"
    hits = related(sample_library, quoted, limit=5)
    assert hits and quoted in hits[0].text
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_related_to_nothing_meaningful_is_empty(sample_library):
    assert related(sample_library, "要，的。") == []


def test_a_multi_word_query_with_a_part_the_segmenter_cut_differently(sample_library):
    # The source cuts 平安创建活动 as 平安创建/活动, so 创建活动 is never an indexed word.
    hits = search(sample_library, "深入开展 创建活动")  # two phrases
    assert hits and all("深入开展" in h.text and "创建活动" in h.text for h in hits)
    mixed = search(sample_library, "开展 创建活动")  # a short part as a word, a long one as a phrase
    assert mixed and all("开展" in h.text and "创建活动" in h.text for h in mixed)
    assert search(sample_library, "不存在的词 创建活动") == []
    assert search(sample_library, "完全 创建活动") == []
