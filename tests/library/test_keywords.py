"""Keywords: TF-IDF with official-writing stopwords, per source and per node."""

from __future__ import annotations

from pingan_writer.library import keywords
from pingan_writer.library.importer import import_file
from pingan_writer.library.keywords import node_keywords, source_keywords, text_keywords
from pingan_writer.library.stopwords import is_keyword_candidate, stopwords
from pingan_writer.library.store import Library


def test_stopwords_fit_official_writing():
    for word in ("要", "进一步", "切实", "不断", "的", "一是"):
        assert word in stopwords()
        assert not is_keyword_candidate(word)
    assert is_keyword_candidate("枫桥经验")
    assert not is_keyword_candidate("2035")


def test_source_keywords_are_topical_and_never_stopwords(sample_library, source_text):
    source_id = next(i.id for i in sample_library.sources() if i.title == "建设更高水平的平安中国")
    top = [k.word for k in source_keywords(sample_library, source_id, 10)]
    assert "平安中国" in top[:5]
    assert not set(top) & stopwords()
    assert "进一步" in source_text and "要" in source_text  # present in the text, absent from keywords


def test_node_keywords_differ_by_section(sample_library):
    source_id = next(i.id for i in sample_library.sources() if i.title == "建设更高水平的平安中国")
    outline = sample_library.get_source(source_id).outline
    security = outline.nodes[2].children[0]  # （一）加强国家安全体系和能力建设
    stability = outline.nodes[2].children[3]  # （四）维护社会稳定和安全
    a = [k.word for k in node_keywords(sample_library, source_id, security, 8)]
    b = [k.word for k in node_keywords(sample_library, source_id, stability, 8)]
    assert "国家安全" in a
    assert "国家安全" not in b
    assert a != b


def test_keywords_of_plain_text_without_a_library():
    kws = text_keywords("坚持和发展新时代枫桥经验，枫桥经验是基层社会治理的宝贵经验。要进一步加强。")
    assert kws[0].word == "枫桥经验" and kws[0].count == 2
    assert all(is_keyword_candidate(k.word) for k in kws)


def test_library_document_frequencies_take_over_once_there_are_enough_sources(tmp_path, monkeypatch):
    monkeypatch.setattr(keywords, "MIN_SOURCES_FOR_LIBRARY_IDF", 3)
    docs = {
        "a.txt": "平安建设要抓基层。枫桥经验值得推广。",
        "b.txt": "平安建设要抓基层。安全生产责任重大。",
        "c.txt": "平安建设要抓基层。食品安全关系民生。",
    }
    with Library.open(tmp_path / "l.sqlite3") as lib:
        for name, text in docs.items():
            (tmp_path / name).write_text(text, encoding="utf-8")
        ids = [import_file(lib, tmp_path / name).source_id for name in docs]
        ranked = [k.word for k in source_keywords(lib, ids[0], 10)]
        # 平安建设 and 基层 are in every source: the library's frequencies rank them below every
        # word only this source has. jieba's general table would rank 平安建设 first.
        assert set(ranked[-2:]) == {"平安建设", "基层"}
        assert "枫桥经验" in ranked[:3]
    monkeypatch.setattr(keywords, "MIN_SOURCES_FOR_LIBRARY_IDF", 100)
    with Library.open(tmp_path / "l.sqlite3") as lib:
        # Below the threshold, jieba's general table: 平安建设 ties for first and 基层 is no longer last.
        general = [k.word for k in source_keywords(lib, ids[0], 10)]
        assert set(general[:2]) == {"平安建设", "枫桥经验"}
        assert general[-1] == "值得"
