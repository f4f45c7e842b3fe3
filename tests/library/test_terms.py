"""Candidate dictionary terms are found in sources, not recalled."""

from __future__ import annotations

from pingan_writer.library import segment
from pingan_writer.library.terms import quoted_terms, split_phrases


def test_quoted_terms_are_collected_with_counts():
    text = (
        "增强“四个意识”、坚定“四个自信”，做到“两个维护”。“四个意识”是……他说：“这是一句很长的话，不是术语。”"
    )
    found = quoted_terms([text])
    assert found["四个意识"] == 2 and found["两个维护"] == 1
    assert not any("，" in t for t in found)


def test_recurring_phrases_jieba_splits_are_candidates_but_fragments_are_not():
    text = "共建共治共享格局。" * 3 + "推进共建共治共享。" * 2
    found = split_phrases([text], lambda s: list(s), min_count=3, lengths=range(4, 7))
    assert "共建共治共享" in found
    assert not any(g.startswith("的") or g.endswith("的") for g in found)


def test_every_dictionary_term_is_kept_whole_by_the_segmenter():
    for term in segment.user_terms():
        assert segment.words(term) == [term.lower()], term
