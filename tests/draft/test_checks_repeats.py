"""Repeated passages (repeat.passage) and point series that restart in a paragraph
(numbering.restart)."""

from __future__ import annotations

import random

from pingan_writer.draft.checks import numbering, repeats, run_checks

RUN = "一是加强理论学习；二是狠抓工作落实；三是强化责任担当。"


def test_a_sentence_pasted_again_later_is_reported_at_the_later_occurrence():
    text = f"一、主要内容\n{RUN}\n二、学习体会\n{RUN}\n"
    (finding,) = repeats.check(text)
    second = text.rindex(RUN)
    assert (finding.rule, finding.severity) == ("repeat.passage", "warning")
    assert (finding.start, finding.end) == (second, second + len(RUN))
    assert "第 2 段" in finding.message  # the paragraph that holds the first one


def test_whitespace_and_punctuation_width_do_not_hide_a_repeat():
    text = f"{RUN}\n　　一是加强理论学习; 二是狠抓工作落实；三是强化 责任担当。"
    findings = repeats.check(text)
    assert len(findings) == 1 and "第 1 段" in findings[0].message


def test_a_repeat_within_one_paragraph_says_so():
    (finding,) = repeats.check(RUN + RUN)
    assert finding.start == len(RUN) and "本段前文" in finding.message


def test_every_later_occurrence_points_at_the_first():
    text = "\n".join([RUN, "其他内容。", RUN, RUN])
    findings = repeats.check(text)
    assert len(findings) == 2 and all("第 1 段" in f.message for f in findings)


def test_short_sentences_and_template_prompts_are_not_repeats():
    assert repeats.check("发言完毕，谢谢大家！\n发言完毕，谢谢大家！") == []  # 10 字
    prompts = "一是【第一个方面（先概括要点再展开论述）】；二是【第二个方面】；三是【第三个方面】。"
    assert repeats.check(f"（一）甲。{prompts}\n（二）乙。{prompts}") == []


def test_similar_but_different_sentences_are_not_repeats():
    text = RUN + "\n" + RUN.replace("三是", "三要")
    assert repeats.check(text) == []


def test_samples_have_no_repeats(talk_text, source_text):
    assert repeats.check(talk_text) == [] and repeats.check(source_text) == []


def test_large_drafts_with_many_distinct_sentences_are_checked():
    # Near-linear: 20,000 distinct sentences plus one repeat, found exactly once.
    rng = random.Random(7)
    chars = "平安中国建设法治社会治理基层"
    sentences = ["".join(rng.choice(chars) for _ in range(20)) + "。" for _ in range(20000)]
    sentences = list(dict.fromkeys(sentences))
    text = "\n".join([*sentences, sentences[100]])
    findings = repeats.check(text)
    assert len(findings) == 1 and "第 101 段" in findings[0].message


# -- numbering.restart ---------------------------------------------------------------------


def restarts(text: str) -> list[tuple[str, int]]:
    return [(f.rule, f.start) for f in numbering.check(text) if f.rule == numbering.RESTART]


def test_a_point_series_restarting_in_the_same_paragraph_is_reported():
    text = "（一）坚持学习。一是甲；二是乙；三是丙。一是甲；二是乙。"
    findings = [f for f in run_checks(text) if f.rule == "numbering.restart"]
    assert [(text[f.start : f.end], f.severity) for f in findings] == [("一是", "warning")]
    assert findings[0].start == text.rindex("一是")
    assert "一是…二是…三是" in findings[0].message


def test_nested_series_and_series_in_separate_paragraphs_are_not_restarts():
    # Points nested in an item, followed by the outer series' next item.
    assert restarts("一是加强：一是甲，二是乙；二是落实；三是担当。") == []
    # Points nested after a colon in the last item.
    assert restarts("一是加强；二是落实：一是甲，二是乙。") == []
    # A new paragraph may start a new series.
    assert restarts("一是甲；二是乙。\n一是丙；二是丁。") == []


def test_the_sample_talk_has_no_restarts(talk_text):
    assert restarts(talk_text) == []
