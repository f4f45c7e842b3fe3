"""Outlines of realistic documents of the kinds users bring: a notice with an attachment note
and annexes, a regulation in chapters and articles, a speech with front matter and 第一， leads,
and a report whose top level is （一）. Each tree was checked by hand against the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pingan_writer.sources import read_source

DATA = Path(__file__).parent / "data" / "outline"


def shape(nodes):
    return [(n.kind, n.number, n.title, shape(n.children)) for n in nodes]


EXPECTED = {
    "notice_with_annexes.txt": (
        "关于开展2024年度平安建设考评工作的通知",
        [
            ("heading", "一、", "考评范围", []),
            (
                "heading",
                "二、",
                "考评内容",
                [
                    ("heading", "（一）", "组织领导情况", []),
                    ("heading", "（二）", "矛盾纠纷化解情况", []),
                    ("heading", "（三）", "基层基础建设情况", []),
                ],
            ),
            (
                "heading",
                "三、",
                "时间安排",
                [
                    ("heading", "1．", "自查阶段（3月1日至3月20日）", []),
                    ("heading", "2．", "抽查阶段（3月21日至4月10日）", []),
                    ("heading", "3．", "总结阶段（4月底前）", []),
                ],
            ),
            (
                "heading",
                "四、",
                "有关要求",
                [
                    ("point", "一要", "加强组织领导", []),
                    ("point", "二要", "压实工作责任", []),
                    ("point", "三要", "严肃考评纪律", []),
                ],
            ),
            (
                "annex",
                "附件1",
                "2024年度平安建设考评细则",
                [
                    (
                        "heading",
                        "一、",
                        "评分标准",
                        [
                            ("heading", "（一）", "组织领导（20分）", []),
                            ("heading", "（二）", "工作落实（80分）", []),
                        ],
                    ),
                    ("heading", "二、", "扣分情形", []),
                ],
            ),
            (
                "annex",
                "附件2",
                "自查情况汇总表",
                [("heading", "一、", "基本情况", []), ("heading", "二、", "存在问题", [])],
            ),
        ],
    ),
    "regulation.txt": (
        "某市矛盾纠纷多元化解条例",
        [
            (
                "heading",
                "第一章",
                "总则",
                [
                    (
                        "heading",
                        "第一条",
                        "为了预防和化解矛盾纠纷，维护社会和谐稳定，根据有关法律法规，结合本市实际，制定本条例",
                        [],
                    ),
                    ("heading", "第二条", "本条例适用于本市行政区域内矛盾纠纷的预防和化解工作", []),
                ],
            ),
            (
                "heading",
                "第二章",
                "化解途径",
                [
                    (
                        "heading",
                        "第三条",
                        "当事人可以通过下列途径化解矛盾纠纷",
                        [
                            ("heading", "（一）", "协商", []),
                            ("heading", "（二）", "调解", []),
                            ("heading", "（三）", "仲裁", []),
                            ("heading", "（四）", "行政裁决、行政复议", []),
                            ("heading", "（五）", "诉讼", []),
                        ],
                    ),
                    ("heading", "第四条", "人民调解委员会调解民间纠纷，不收取任何费用", []),
                ],
            ),
            ("heading", "第三章", "附则", [("heading", "第五条", "本条例自2025年1月1日起施行", [])]),
        ],
    ),
    "report_top_paren.txt": (
        "report_top_paren",
        [
            (
                "heading",
                "（一）",
                "主要做法",
                [
                    ("heading", "1.", "强化组织领导", []),
                    (
                        "heading",
                        "2.",
                        "完善工作机制",
                        [
                            ("heading", "（1）", "周调度由办公室负责", []),
                            ("heading", "（2）", "月通报由督查室负责", []),
                        ],
                    ),
                ],
            ),
            (
                "heading",
                "（二）",
                "存在问题",
                [("point", "一是", "基层力量不足", []), ("point", "二是", "保障经费紧张", [])],
            ),
            ("heading", "（三）", "下步打算", []),
        ],
    ),
    "speech.txt": (
        "在全市政法工作会议上的讲话",
        [
            (
                "heading",
                "一、",
                "充分肯定过去一年取得的成绩",
                [
                    ("point", "首先", "坚决维护国家政治安全", []),
                    ("point", "其次", "全力防范化解重大风险", []),
                    ("point", "最后", "持续深化平安建设", []),
                ],
            ),
            (
                "heading",
                "二、",
                "准确把握当前面临的形势任务",
                [
                    ("heading", "第一，", "从国际看，世界百年未有之大变局加速演进", []),
                    ("heading", "第二，", "从国内看，我国发展进入战略机遇和风险挑战并存期", []),
                    (
                        "heading",
                        "第三，",
                        "从我市看，一方面经济持续向好，另一方面风险隐患依然存在",
                        [
                            ("point", "一方面", "经济持续向好", []),
                            ("point", "另一方面", "风险隐患依然存在", []),
                        ],
                    ),
                ],
            ),
            (
                "heading",
                "三、",
                "扎实做好今年各项工作",
                [
                    (
                        "heading",
                        "（一）",
                        "坚持党的绝对领导",
                        [
                            (
                                "heading",
                                "1.",
                                "严格执行请示报告制度",
                                [
                                    ("point", "①", "重大事项及时请示", []),
                                    ("point", "②", "重要情况及时报告", []),
                                ],
                            ),
                            ("heading", "2.", "深化政治轮训", []),
                        ],
                    ),
                    ("heading", "（二）", "坚持以人民为中心", []),
                ],
            ),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_outline_of_realistic_document(name):
    title, tree = EXPECTED[name]
    source = read_source(DATA / name)
    assert source.title == title
    assert shape(source.outline.nodes) == tree


def test_attachment_note_lines_are_not_headings():
    source = read_source(DATA / "notice_with_annexes.txt")
    numbers = [n.number for n in source.outline.walk()]
    assert "2．" in numbers  # the 时间安排 item
    requirements = source.outline.nodes[3]
    assert [c.kind for c in requirements.children] == ["point", "point", "point"]


def test_annex_holds_everything_after_it_and_numbering_restarts():
    source = read_source(DATA / "notice_with_annexes.txt")
    annex1, annex2 = source.outline.nodes[-2:]
    assert source.text[annex1.start :].startswith("附件1")
    assert annex1.end < annex2.start
    assert annex2.end == len(source.text.rstrip())
    assert [c.number for c in annex1.children] == ["一、", "二、"]
