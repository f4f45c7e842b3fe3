"""Standard formulations from the editable rules file, and how a broken file is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from pingan_writer.draft.checks import formulations
from pingan_writer.errors import PinganError


def hits(text: str, rules: Path | None = None) -> list[tuple[str, str]]:
    """(rule, matched text) of each formulation finding."""
    return [(f.rule, text[f.start : f.end]) for f in formulations.check(text, rules)]


@pytest.mark.parametrize(
    ("text", "rule", "span"),
    [
        ("紧密团结在以习近平为核心的党中央周围", "core-leadership", "以习近平为核心的党中央"),
        ("紧密团结在以习近平总书记为核心的党中央周围", "core-leadership", "以习近平总书记为核心的党中央"),
        ("深刻领悟确立习近平总书记党中央的核心", "two-establishes", "确立习近平总书记党中央的核心"),
        (
            "确立习近平新时代中国特色社会主义思想的领导地位",
            "two-establishes",
            "确立习近平新时代中国特色社会主义思想的领导地位",
        ),
        ("做到坚决维护党中央权威和统一领导", "two-upholds", "坚决维护党中央权威和统一领导"),
        ("坚决维护习近平同志党中央的核心、全党的核心地位", "two-upholds", "坚决维护习近平同志党中央的核心"),
        (
            "增强政治意识、核心意识、大局意识、看齐意识",
            "four-consciousnesses",
            "政治意识、核心意识、大局意识、看齐意识",
        ),
        (
            "增强政治意识、大局意识、核心意识、责任意识",
            "four-consciousnesses",
            "政治意识、大局意识、核心意识、责任意识",
        ),
        (
            "坚定道路自信、制度自信、理论自信、文化自信",
            "four-confidences",
            "道路自信、制度自信、理论自信、文化自信",
        ),
        ("学习习近平新时代中国特色社会主义理论", "xi-thought", "习近平新时代中国特色社会主义理论"),
        ("以新时代中国特色社会主义思想为指导", "xi-thought-full-name", "新时代中国特色社会主义思想"),
        ("坚持整体国家安全观", "holistic-security", "整体国家安全观"),
        ("打造共建共享共治的社会治理格局", "shared-governance", "共建共享共治"),
        (
            "推进经济建设、政治建设、文化建设、社会建设、生态建设",
            "five-sphere",
            "经济建设、政治建设、文化建设、社会建设、生态建设",
        ),
        (
            "全面建成小康社会、全面深化改革、全面依法治国、全面从严治党的战略布局",
            "four-comprehensives",
            "全面建成小康社会、全面深化改革、全面依法治国、全面从严治党",
        ),
        (
            "创新、协调、开放、绿色、共享的新发展理念",
            "new-development-philosophy",
            "创新、协调、开放、绿色、共享",
        ),
        ("党的20大胜利召开", "congress-numerals", "党的20大"),
        ("传承中国优秀传统文化", "chinese-traditional-culture", "中国优秀传统文化"),
    ],
)
def test_wrong_formulations_are_reported(text, rule, span):
    assert hits(text) == [(f"formulation.{rule}", span)]


@pytest.mark.parametrize(
    "text",
    [
        "紧密团结在以习近平同志为核心的党中央周围",
        "确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的指导地位",
        "坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导",
        "增强政治意识、大局意识、核心意识、看齐意识",
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”",
        "坚定道路自信、理论自信、制度自信、文化自信",
        "深入学习贯彻习近平新时代中国特色社会主义思想",
        "统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设",
        "加强党的政治建设、思想建设、组织建设、作风建设、纪律建设",  # not the 五位一体
        "协调推进全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党",
        "富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、诚信、友善",
        "践行社会主义核心价值观，富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、诚信、友善",
        "增强政治意识、责任意识、忧患意识",  # a different list
        "坚持总体国家安全观，打造共建共治共享的社会治理格局",
        "党的二十大和党的二十届三中全会",
    ],
)
def test_standard_formulations_are_not_reported(text):
    assert hits(text) == []


def test_each_finding_carries_the_rules_severity_and_a_chinese_message():
    (finding,) = formulations.check("以习近平为核心的党中央")
    assert finding.severity == "error"
    assert "以习近平同志为核心的党中央" in finding.message and "以习近平为核心的党中央" in finding.message


def test_sample_talk_closing_gets_the_full_name_warning(talk_text):
    findings = formulations.check(talk_text)
    assert [(f.rule, f.severity) for f in findings] == [("formulation.xi-thought-full-name", "warning")]
    (finding,) = findings
    assert talk_text[finding.start : finding.end] == "新时代中国特色社会主义思想"
    assert talk_text[finding.start - 3 : finding.end + 3] == "坚持以新时代中国特色社会主义思想为指导"
    assert "习近平新时代中国特色社会主义思想" in finding.message


def test_source_sample_has_no_formulation_findings(source_text):
    assert formulations.check(source_text) == []


# --- the rules file


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "formulations.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_rules_path_replaces_the_bundled_rules(tmp_path):
    rules = write(
        tmp_path,
        """
[[rule]]
id = "ping-an"
correct = "平安中国"
severity = "info"
wrong = ["平安中华"]
wrong_regex = ['平安(?:中土|华夏)']
message = "应为“{correct}”，不是“{found}”"
""",
    )
    text = "建设平安中华、平安华夏；以习近平为核心的党中央"
    findings = formulations.check(text, rules)
    assert [(f.rule, f.severity, text[f.start : f.end]) for f in findings] == [
        ("formulation.ping-an", "info", "平安中华"),
        ("formulation.ping-an", "info", "平安华夏"),
    ]
    assert findings[0].message == "应为“平安中国”，不是“平安中华”"


def test_allow_excuses_a_wrong_string_in_context(tmp_path):
    rules = write(
        tmp_path,
        '[[rule]]\nid = "a"\ncorrect = "甲乙"\nseverity = "warning"\nwrong = ["乙丙"]\nallow = ["乙丙丁"]\n',
    )
    assert hits("乙丙，乙丙丁", rules) == [("formulation.a", "乙丙")]


def test_an_edited_rules_file_takes_effect_without_restart(tmp_path):
    rules = write(tmp_path, '[[rule]]\nid = "a"\ncorrect = "甲"\nseverity = "info"\nwrong = ["乙"]\n')
    assert hits("乙丙", rules) == [("formulation.a", "乙")]
    rules.write_text(
        '[[rule]]\nid = "a"\ncorrect = "甲"\nseverity = "info"\nwrong = ["丙丙"]\n', encoding="utf-8"
    )
    assert hits("乙丙", rules) == []


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('[[rule]]\nid = "a"\ncorrect = "甲"\nseverity = \n', 4, "TOML"),
        ('[[rule]]\nid = "a"\ncorrect = "甲"\nseverity = "fatal"\nwrong = ["乙"]\n', 4, "severity"),
        ('[[rule]]\nid = "a"\nseverity = "info"\nwrong = ["乙"]\n', 1, "correct"),
        ('[[rule]]\nid = "A B"\ncorrect = "甲"\nseverity = "info"\nwrong = ["乙"]\n', 2, "规则号"),
        ('[[rule]]\nid = "a"\ncorrect = "甲"\nseverity = "info"\nwrong = "乙"\n', 5, "wrong"),
        ('[[rule]]\nid = "a"\ncorrect = "甲"\nseverity = "info"\n\nwrong_regex = ["(乙"]\n', 6, "正则"),
        ('[[rule]]\nid = "a"\ncorrect = "甲"\nseverity = "info"\nwrong_regex = ["乙*"]\n', 5, "空串"),
        ('[[rule]]\nid = "a"\ncorrect = "甲"\nseverity = "info"\n', 1, "至少"),
        ('[[rule]]\nid = "a"\ncorrect = "甲"\nseverity = "info"\nwrongs = ["乙"]\n', 5, "wrongs"),
        (
            '[[rule]]\nid = "a"\ncorrect = "甲"\nseverity = "info"\nwrong = ["乙"]\n\n'
            '[[rule]]\nid = "a"\ncorrect = "丙"\nseverity = "info"\nwrong = ["丁"]\n',
            8,
            "重复",
        ),
        (
            '[[rule]]\nid = "a"\ncorrect = "甲"\nseverity = "info"\nseries = ["甲", "乙"]\nmin_overlap = 1\n',
            6,
            "min_overlap",
        ),
        ("version = 2\n", 1, "版本"),
    ],
)
def test_broken_rules_file_names_file_and_line(tmp_path, body, line, words):
    rules = write(tmp_path, body)
    with pytest.raises(PinganError) as err:
        formulations.check("任意文字", rules)
    assert err.value.path == rules
    assert err.value.reason.startswith(f"第 {line} 行：")
    assert words in err.value.reason
    assert str(rules) in str(err.value)


def test_rules_file_that_is_not_utf8_names_the_line(tmp_path):
    rules = tmp_path / "formulations.toml"
    rules.write_bytes('# 规则\n[[rule]]\nid = "a"\ncorrect = "甲"\n'.encode("gb18030"))
    with pytest.raises(PinganError) as err:
        formulations.load_rules(rules)
    assert err.value.reason.startswith("第 1 行：")


def test_missing_rules_file_is_a_pingan_error(tmp_path):
    with pytest.raises(PinganError):
        formulations.load_rules(tmp_path / "missing.toml")


def test_bundled_rules_file_has_the_required_rules():
    ids = {rule.id for rule in formulations.load_rules()}
    for required in (
        "core-leadership",
        "two-establishes",
        "two-upholds",
        "four-consciousnesses",
        "four-confidences",
        "xi-thought",
        "xi-thought-full-name",
    ):
        assert f"formulation.{required}" in ids
