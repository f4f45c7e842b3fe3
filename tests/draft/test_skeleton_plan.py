"""plan_skeleton/apply_plan: the chosen source nodes become the 学习体会 points where a drafter
would put them, numbered in sequence, sized to the talk, applied as one edit."""

from __future__ import annotations

import pytest

from pingan_writer.draft.checks import run_checks
from pingan_writer.draft.fileformat import load_draft
from pingan_writer.draft.model import Draft, SourceRef
from pingan_writer.draft.nodes import find_node
from pingan_writer.draft.skeleton import FULL, LEAD, apply_plan, plan_skeleton
from pingan_writer.draft.templates import load_template, render
from pingan_writer.errors import PinganError
from pingan_writer.sources import read_source
from pingan_writer.text.counting import count_characters
from pingan_writer.text.markers import CN_DUN, CN_PAREN
from pingan_writer.text.outline import HEADING, parse_outline

from ..conftest import SOURCE_SAMPLE, TALK_SAMPLE

NODES = ("三、（一）", "三、（四）", "二、（一）")
THESES = ("加强国家安全体系和能力建设", "维护社会稳定和安全", "树立科学理念，增强平安中国建设引领性")
CLOSING = "发言完毕，谢谢大家！"


@pytest.fixture(scope="module")
def source():
    return read_source(SOURCE_SAMPLE)


@pytest.fixture
def ref(source):
    return SourceRef(source.content_hash, source.title, str(SOURCE_SAMPLE))


@pytest.fixture
def nodes(source):
    return [find_node(source.outline, spec) for spec in NODES]


def template_draft() -> Draft:
    return Draft(render(load_template("study-talk"), {"source_title": "建设更高水平的平安中国"}))


def study_points(text: str):
    study = next(n for n in parse_outline(text).walk() if n.kind == HEADING and "学习体会" in n.title)
    return [c for c in study.children if c.kind == HEADING]


def numbering(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.message) for f in run_checks(text) if f.rule.startswith("numbering.")]


def test_points_replace_the_templates_prompt_points_in_sequence(source, ref, nodes):
    draft = template_draft()
    before = draft.text
    plan = plan_skeleton(draft, source, ref, nodes)
    assert draft.text == before  # planning changes nothing
    assert (plan.replaced_prompts, plan.first_number, plan.style) == (3, 1, CN_PAREN)
    assert "【体会一的论点" in before[plan.start : plan.end]
    apply_plan(draft, plan)
    points = study_points(draft.text)
    assert [(p.number, p.title) for p in points] == list(
        zip(("（一）", "（二）", "（三）"), THESES, strict=True)
    )
    assert "【体会" not in draft.text and "【第一个方面" not in draft.text
    # The restatement prompt and the closing line stay last, in order.
    lines = draft.text.split("\n")
    assert lines[-2].startswith("【在此重申") and lines[-1] == CLOSING
    assert numbering(draft.text) == numbering(before) == []


def test_a_point_reads_like_the_sample_talk(source, ref, nodes):
    draft = template_draft()
    apply_plan(draft, plan_skeleton(draft, source, ref, nodes[:1]))
    (line,) = [line for line in draft.text.split("\n") if line.startswith("（一）")]
    assert line == (
        "（一）加强国家安全体系和能力建设。"
        "坚持以总体国家安全观为统领，统筹推进各领域国家安全工作，走中国特色国家安全道路。"
        "一是健全国家安全制度体系；二是坚定维护政治安全；三是巩固国家安全人民防线。"
    )


def test_new_points_follow_a_filled_point_and_replace_the_remaining_prompts(source, ref, nodes):
    text = template_draft().text
    prompt = text[text.index("（一）") : text.index("\n", text.index("（一）"))]
    mine = "（一）坚持人民至上。人民是平安建设的主体。一是依靠群众；二是服务群众。"
    draft = Draft(text.replace(prompt, mine))
    plan = plan_skeleton(draft, source, ref, nodes[:2])
    assert (plan.replaced_prompts, plan.first_number) == (2, 2)
    apply_plan(draft, plan)
    points = study_points(draft.text)
    assert [p.number for p in points] == ["（一）", "（二）", "（三）"]
    assert points[0].title == "坚持人民至上" and [p.title for p in points[1:]] == list(THESES[:2])
    assert draft.text.endswith(CLOSING) and numbering(draft.text) == []


def test_lead_is_much_shorter_than_full_and_lengths_are_known_before(source, ref, nodes):
    draft = template_draft()
    lead = plan_skeleton(draft, source, ref, nodes, detail=LEAD)
    full = plan_skeleton(draft, source, ref, nodes, detail=FULL)
    assert lead.characters_before == full.characters_before == count_characters(draft.text)
    added_lead = lead.characters_after - lead.characters_before
    added_full = full.characters_after - full.characters_before
    assert 0 < added_lead * 4 < added_full
    # A 5-minute talk is about 900 字: the lead skeleton leaves room for the drafter's own words.
    assert lead.characters_after < 900 < full.characters_after
    for plan in (lead, full):
        applied = Draft(draft.text)
        apply_plan(applied, plan)
        assert count_characters(applied.text) == plan.characters_after


@pytest.mark.parametrize("detail", [LEAD, FULL])
def test_every_planned_quote_is_exact_source_text(source, ref, nodes, detail):
    draft = template_draft()
    plan = plan_skeleton(draft, source, ref, nodes, detail=detail)
    assert plan.quotes and plan.text.endswith("\n")
    for q in plan.quotes:
        assert q.text == source.text[q.source_start : q.source_end]
        assert plan.text[q.offset : q.offset + q.length] == q.text
        assert q.node and q.node[:1] == [source.outline.path_at(q.source_start)[0].title]
    apply_plan(draft, plan)
    assert len(draft.quotes) == len(plan.quotes)
    for q in draft.quotes:
        assert draft.text[q.start : q.end] == q.text == source.text[q.source_start : q.source_end]
        assert (q.source, q.source_title) == (ref.id, ref.title)
    assert [s.id for s in draft.sources] == [ref.id]


def test_apply_plan_keeps_earlier_quotes_shifts_later_ones_and_drops_replaced_ones(source, ref, nodes):
    draft = template_draft()
    early_at = draft.text.index("【在此概括")
    early = draft.insert_quote(early_at, "建设更高水平的平安中国", ref, ["x"], 0, 11)
    inside = draft.insert_quote(draft.text.index("【体会二的论点"), "平安中国", ref, ["y"], 0, 4)
    late_at = draft.text.index(CLOSING)
    late = draft.insert_quote(late_at, "平安建设", ref, ["z"], 0, 4)
    late_start = late.start
    plan = plan_skeleton(draft, source, ref, nodes)
    apply_plan(draft, plan)
    assert (early.start, early.end) == (early_at, early_at + len(early.text))
    assert late.start == late_start + len(plan.text) - (plan.end - plan.start)
    for q in (early, late):
        assert draft.text[q.start : q.end] == q.text
    assert inside not in draft.quotes
    assert draft.quotes == sorted(draft.quotes, key=lambda q: q.start)


def test_apply_plan_refuses_a_draft_changed_since_planning(source, ref, nodes):
    draft = template_draft()
    plan = plan_skeleton(draft, source, ref, nodes)
    draft.text = "改过的开头。\n" + draft.text
    with pytest.raises(PinganError, match="重新生成"):
        apply_plan(draft, plan)


def test_without_a_matching_heading_it_asks_for_under_or_uses_the_paragraph_after_at(source, ref, nodes):
    draft = Draft("按照会议安排，我谈几点体会。\n第二段话在这里，还没写完。\n最后一段。")
    with pytest.raises(PinganError, match="--under"):
        plan_skeleton(draft, source, ref, nodes)
    inside_first = draft.text.index("我谈")
    plan = plan_skeleton(draft, source, ref, nodes[:1], at=inside_first)
    apply_plan(draft, plan)
    lines = draft.text.split("\n")
    assert lines[0] == "按照会议安排，我谈几点体会。"
    assert lines[1].startswith("一、加强国家安全体系和能力建设。")
    assert lines[2:] == ["第二段话在这里，还没写完。", "最后一段。"]
    # At the very end of a text without a final newline the points open their own line.
    plan = plan_skeleton(draft, source, ref, nodes[1:2], at=len(draft.text))
    apply_plan(draft, plan)
    assert draft.text.split("\n")[-3:] == ["最后一段。", draft.text.split("\n")[-2], ""]
    assert draft.text.split("\n")[-2].startswith("二、维护社会稳定和安全。")
    assert all(draft.text[q.start : q.end] == q.text for q in draft.quotes)


def test_a_section_without_points_gets_them_after_its_intro_not_after_the_closing(source, ref, nodes):
    draft = Draft("二、学习体会\n下面，我谈谈所学心得和体会。\n总之，要学以致用。\n" + CLOSING)
    apply_plan(draft, plan_skeleton(draft, source, ref, nodes[:2]))
    lines = draft.text.split("\n")
    assert lines[1] == "下面，我谈谈所学心得和体会。"
    assert [line[:3] for line in lines[2:4]] == ["（一）", "（二）"]
    assert lines[4:] == ["总之，要学以致用。", CLOSING]


def test_the_sample_talk_gets_new_points_after_its_last_point_in_its_style(source, ref, nodes):
    draft = load_draft(TALK_SAMPLE)
    plan = plan_skeleton(draft, source, ref, [find_node(source.outline, "三、（二）")])
    assert (plan.style, plan.first_number, plan.replaced_prompts) == (CN_DUN, 4, 0)
    apply_plan(draft, plan)
    points = study_points(draft.text)
    assert [p.number for p in points] == ["一、", "二、", "三、", "四、"]
    assert points[-1].title == "确保国家经济安全"
    text = draft.text
    last_old = text.index("三、建设更高水平的平安中国，要坚持深入推进维护社会稳定")
    new = text.index("四、确保国家经济安全")
    restatement = text.index("建设更高水平的平安中国，是以习近平同志为核心的党中央作出的战略擘画。我们要")
    assert last_old < new < restatement < text.index(CLOSING)
    assert text.rstrip("\n").endswith(CLOSING)


def test_bad_detail_is_refused(source, ref, nodes):
    with pytest.raises(ValueError):
        plan_skeleton(template_draft(), source, ref, nodes, detail="all")


def test_a_point_chosen_as_a_node_ends_its_paragraph_with_a_full_stop(source, ref):
    point = find_node(source.outline, "二、").children[0]  # 一是更高起点，…；
    draft = Draft("二、学习体会\n下面，我谈谈所学心得和体会。\n")
    plan = plan_skeleton(draft, source, ref, [point])
    assert plan.text.startswith("（一）更高起点。谱写经济快速发展") and plan.text.endswith("的层次和质效。\n")
    (q,) = plan.quotes
    assert q.text == source.text[q.source_start : q.source_end] and not q.text.endswith("；")
