"""Skeletons from outline nodes, and quote drift."""

from __future__ import annotations

from pingan_writer.draft.drift import DRIFTED, NO_SOURCE, OK, check_quotes
from pingan_writer.draft.model import Draft, SourceRef
from pingan_writer.draft.nodes import find_node
from pingan_writer.draft.skeleton import FULL, apply_plan, child_style, plan_skeleton
from pingan_writer.sources import read_source
from pingan_writer.text.markers import ARABIC_DOT, CN_DUN, CN_PAREN
from pingan_writer.text.outline import parse_outline

from ..conftest import SOURCE_SAMPLE


def skeleton_draft():
    source = read_source(SOURCE_SAMPLE)
    ref = SourceRef(source.content_hash, source.title, str(SOURCE_SAMPLE))
    draft = Draft("二、学习体会\n下面，我谈谈所学心得和体会。\n发言完毕，谢谢大家！")
    nodes = [find_node(source.outline, "三、（一）"), find_node(source.outline, "维护社会稳定和安全")]
    apply_plan(draft, plan_skeleton(draft, source, ref, nodes, detail=FULL))
    return source, draft


def test_skeleton_has_one_heading_per_node_at_the_level_under_its_parent():
    _, draft = skeleton_draft()
    outline = parse_outline(draft.text)
    (study,) = outline.nodes
    assert [(c.number, c.title) for c in study.children] == [
        ("（一）", "加强国家安全体系和能力建设"),
        ("（二）", "维护社会稳定和安全"),
    ]
    assert [p.number for p in study.children[0].children] == ["一是", "二是", "三是"]
    assert draft.text.endswith("发言完毕，谢谢大家！")


def test_skeleton_points_are_verbatim_quotes_with_provenance():
    source, draft = skeleton_draft()
    # Per node: the sentence after its thesis, then its three 一是/二是/三是 points.
    assert len(draft.quotes) == 8
    for q in draft.quotes:
        assert draft.text[q.start : q.end] == q.text == source.text[q.source_start : q.source_end]
        assert q.source == source.content_hash
    points = [q for i, q in enumerate(draft.quotes) if i % 4]
    assert all(q.node[-1] in q.text for q in points)
    assert draft.quotes[0].node == [
        "认真落实“十四五”时期建设更高水平的平安中国的重点工作任务和措施",
        "加强国家安全体系和能力建设",
    ]
    assert draft.quotes[1].node == [*draft.quotes[0].node, "健全国家安全制度体系"]


def test_child_style_follows_the_standard_order():
    assert child_style(CN_DUN) == CN_PAREN
    assert child_style(CN_PAREN) == ARABIC_DOT
    assert child_style(None) == CN_DUN


def test_unchanged_quotes_are_ok_and_an_edited_quote_drifts_with_a_diff():
    source, draft = skeleton_draft()
    texts = {source.content_hash: source.text}
    assert {s.status for s in check_quotes(draft, texts.get)} == {OK}
    target = next(q for q in draft.quotes if "政治安全是国家安全的根本" in q.text)
    inside = draft.text.index("政治安全是国家安全的根本", target.start)
    draft.text = draft.text[:inside] + draft.text[inside:].replace("根本", "基础", 1)
    states = check_quotes(draft, texts.get)
    drifted = [s for s in states if s.status == DRIFTED]
    assert len(drifted) == 1 and drifted[0].quote is target
    (op,) = drifted[0].diff
    assert (op.op, op.source, op.draft) == ("replace", "根本", "基础")
    assert draft.text[op.at : op.at + 2] == "基础"


def test_rewrapped_quote_is_not_drift_and_missing_source_falls_back_to_inserted_text():
    source, draft = skeleton_draft()
    q = draft.quotes[0]
    mid = q.start + 10
    draft.text = draft.text[:mid] + "\n" + draft.text[mid:]
    for later in draft.quotes:
        if later.start > mid:
            later.start += 1
        if later.end > mid:
            later.end += 1
    assert check_quotes(draft, {source.content_hash: source.text}.get)[0].status == OK
    assert check_quotes(draft, lambda _id: None)[0].status == NO_SOURCE


def test_find_node_by_number_path_or_title():
    source = read_source(SOURCE_SAMPLE)
    assert find_node(source.outline, "二、（三）").title == "健全群防机制，增强平安中国建设共享性"
    assert find_node(source.outline, "健全群防机制").number == "（三）"
    import pytest

    from pingan_writer.errors import PinganError

    with pytest.raises(PinganError, match="多个"):
        find_node(source.outline, "平安中国")
    with pytest.raises(PinganError, match="没有"):
        find_node(source.outline, "不存在的标题")
