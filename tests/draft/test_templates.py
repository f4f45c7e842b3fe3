"""Templates: the built-ins have the shapes the app relies on, substitution is plain text, and
broken template files are refused with their file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pingan_writer.draft.templates import (
    Template,
    TemplateError,
    list_templates,
    load_template,
    placeholder_labels,
    render,
)
from pingan_writer.errors import PinganError
from pingan_writer.text.outline import parse_outline

SOURCE_TITLE = "建设更高水平的平安中国"
ALL_VALUES = {
    "source_title": SOURCE_TITLE,
    "speaker": "张三",
    "meeting": "党组理论学习中心组学习会",
    "date": "2024年5月10日",
    "title": "坚持和发展新时代“枫桥经验”",
    "number": "（二）",
    "unit": "市司法局",
    "theme": "建设更高水平的平安中国",
}
DOCUMENTS = {"study-talk", "discussion", "reflection", "pledge", "party-lecture"}
SECTIONS = {"opening", "points", "closing", "study-point"}
PLACEHOLDER_RE = re.compile(r"\{[a-z_]+\}")


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    return folder


@pytest.fixture
def empty_dir(tmp_path: Path) -> Path:
    return tmp_path / "no-user-templates"


def write(folder: Path, name: str, text: str, section: bool = False) -> Path:
    target = folder / "sections" if section else folder
    target.mkdir(exist_ok=True)
    path = target / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def body_file(body: str, extra: str = "") -> str:
    """A template file whose body starts on line 4."""
    return f"# 测试模板\ntitle = \"测试\"\nbody = '''\n{body}\n'''\n{extra}"


def outline_of(text: str) -> list[tuple[str, str, list]]:
    def tree(nodes):
        return [(n.number, n.title, tree(n.children)) for n in nodes]

    return tree(parse_outline(text).nodes)


# --- the built-ins -------------------------------------------------------------------------


def test_builtin_documents_and_sections_are_listed_with_their_kind(empty_dir):
    docs = {t.name: t for t in list_templates(empty_dir, kind="document")}
    sections = {t.name: t for t in list_templates(empty_dir, kind="section")}
    assert set(docs) >= DOCUMENTS and set(sections) >= SECTIONS
    assert docs["study-talk"].title == "学习体会发言" and docs["party-lecture"].title == "党课讲稿提纲"
    assert all(t.kind == "document" for t in docs.values())
    assert all(t.kind == "section" for t in sections.values())
    names = [t.name for t in list_templates(empty_dir)]
    assert names == sorted(names) and set(names) == set(docs) | set(sections)


@pytest.mark.parametrize("name", sorted(DOCUMENTS | SECTIONS))
def test_every_builtin_renders_with_no_placeholder_left_when_all_values_are_given(name, empty_dir):
    template = load_template(name, empty_dir)
    text = render(template, ALL_VALUES)
    assert not PLACEHOLDER_RE.search(text)
    assert "{" not in text and "}" not in text
    for placeholder in template.placeholders:
        assert ALL_VALUES[placeholder] in text
        assert f"【{template.label(placeholder)}】" not in text
    assert template.title and template.description and template.path is not None


def test_missing_and_blank_values_render_as_bracketed_chinese_labels(empty_dir):
    text = render(load_template("discussion", empty_dir), {"speaker": "  ", "meeting": "学习会"})
    for label in ("标题", "发言人", "日期", "原文标题", "学习主题"):
        assert f"【{label}】" in text
    assert "在学习会上的研讨发言" in text
    assert render(load_template("study-talk", empty_dir), {}).startswith(
        "按照会议安排，由我围绕《【原文标题】》"
    )


def test_placeholder_labels_name_the_standard_placeholders_in_chinese():
    labels = placeholder_labels()
    expected = {"source_title": "原文标题", "speaker": "发言人", "meeting": "会议名称"}
    expected |= {"date": "日期", "title": "标题", "number": "序号"}
    assert expected.items() <= labels.items()
    labels["speaker"] = "changed"
    assert placeholder_labels()["speaker"] == "发言人"


def test_study_talk_has_the_sample_talks_shape_with_correct_numbering_levels(empty_dir):
    text = render(load_template("study-talk", empty_dir), {"source_title": SOURCE_TITLE})
    lines = text.splitlines()
    assert lines[0] == "按照会议安排，由我围绕《建设更高水平的平安中国》学习内容分享个人体会。"
    assert "一、主要内容" in lines and "二、学习体会" in lines
    after = lines[lines.index("二、学习体会") + 1 :]
    starts = [line[:3] for line in after if line.startswith("（")]
    assert starts == ["（一）", "（二）", "（三）"]
    assert not any(line.startswith(("一、", "二、", "三、")) for line in after)  # the sample's misuse
    for line in after:
        if line.startswith("（"):
            assert re.search(r"。一是.+；二是.+；三是.+。$", line), line
    assert text.endswith("发言完毕，谢谢大家！")
    assert "【在此概括原文的主要内容" in text  # the user is told what to write under 一、


def test_study_talk_outline_is_what_the_outline_engine_expects(empty_dir):
    text = render(load_template("study-talk", empty_dir), {"source_title": SOURCE_TITLE})
    outline = parse_outline(text)
    assert [(n.number, n.title) for n in outline.nodes] == [("一、", "主要内容"), ("二、", "学习体会")]
    points = outline.nodes[1].children
    assert [n.number for n in points] == ["（一）", "（二）", "（三）"]
    for point in points:
        assert point.kind == "heading"
        assert [(c.kind, c.number) for c in point.children] == [
            ("point", "一是"),
            ("point", "二是"),
            ("point", "三是"),
        ]


def test_study_talk_is_made_of_the_opening_and_closing_sections(empty_dir):
    values = {"source_title": SOURCE_TITLE}
    talk = render(load_template("study-talk", empty_dir), values)
    assert talk.startswith(render(load_template("opening", empty_dir), values))
    assert talk.endswith(render(load_template("closing", empty_dir), values))


def test_study_point_section_takes_its_numbering_marker_as_a_placeholder(empty_dir):
    template = load_template("study-point", empty_dir)
    assert template.placeholders == ["number"]
    text = render(template, {"number": "（二）"})
    [node] = parse_outline(text).nodes
    assert node.number == "（二）"
    assert [c.number for c in node.children] == ["一是", "二是", "三是"]
    assert render(template, {}).startswith("【序号】")


def test_points_section_is_a_series_of_three(empty_dir):
    text = render(load_template("points", empty_dir), {})
    assert [n.number for n in parse_outline(text).nodes] == ["一是", "二是", "三是"]


def test_reflection_is_an_article_with_a_title_and_no_speech_ending(empty_dir):
    text = render(load_template("reflection", empty_dir), ALL_VALUES)
    outline = parse_outline(text)
    assert outline.title == ALL_VALUES["title"]
    assert [n.number for n in outline.nodes] == ["一、", "二、", "三、"]
    assert "发言完毕" not in text and "谢谢大家" not in text


def test_pledge_is_short_makes_commitments_and_ends_like_a_speech(empty_dir):
    text = render(load_template("pledge", empty_dir), ALL_VALUES)
    assert "表态" in text and "我代表市司法局" in text
    assert [n.number for n in parse_outline(text).nodes] == ["一是", "二是", "三是"]
    assert text.endswith("发言完毕，谢谢大家！")
    assert len(text) < len(render(load_template("study-talk", empty_dir), ALL_VALUES))


def test_discussion_ends_by_inviting_criticism(empty_dir):
    text = render(load_template("discussion", empty_dir), ALL_VALUES)
    assert text.splitlines()[1] == "——在党组理论学习中心组学习会上的研讨发言"
    assert [n.number for n in parse_outline(text).nodes] == ["一、", "二、", "三、", "四、"]
    assert text.endswith("批评指正。")


def test_party_lecture_is_an_outline_of_three_parts_with_subpoints(empty_dir):
    text = render(load_template("party-lecture", empty_dir), ALL_VALUES)
    outline = parse_outline(text)
    assert outline.title == ALL_VALUES["title"]
    assert [n.number for n in outline.nodes] == ["一、", "二、", "三、"]
    for part in outline.nodes:
        assert [c.number for c in part.children] == ["（一）", "（二）"]
        for sub in part.children:
            assert len(sub.children) >= 2 and all(p.kind == "point" for p in sub.children)


# --- substitution is plain text ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("发言人：{__class__}", "{__class__}"),
        ("第 {0} 条", "{0}"),
        ("{a.b}", "{a.b}"),
        ("{speaker.__class__}", "{speaker.__class__}"),
        ("{speaker!r}", "{speaker!r}"),
        ("{0.__class__.__mro__}", "{0.__class__.__mro__}"),
        ("{ speaker }", "{ speaker }"),
        ("{Speaker}", "{Speaker}"),
    ],
)
def test_placeholders_that_would_run_code_are_refused_at_load_naming_file_and_line(user_dir, body, shown):
    path = write(user_dir, "bad", body_file(f"第一段\n{body}"))
    with pytest.raises(TemplateError) as info:
        load_template("bad", user_dir)
    message = str(info.value)
    assert "bad.toml" in message and "第 5 行" in message and shown in message
    assert info.value.line == 5 and info.value.path == path
    assert "{{{" not in message  # the hint on literal braces is shown as written: {{ and }}
    with pytest.raises(TemplateError):
        list_templates(user_dir)


def test_a_bad_brace_message_says_how_to_write_literal_braces(user_dir):
    write(user_dir, "bad", body_file("{0}"))
    with pytest.raises(TemplateError) as info:
        load_template("bad", user_dir)
    assert "请写成 {{ 和 }}" in info.value.reason


def test_a_lone_closing_brace_is_refused_on_its_own_line_after_escaped_ones(user_dir):
    write(user_dir, "bad", body_file("字面 }} 可以\n第二行\n这里 } 不行"))
    with pytest.raises(TemplateError, match="第 6 行") as info:
        load_template("bad", user_dir)
    assert "}}" in info.value.reason


def test_doubled_braces_are_literal(user_dir):
    write(user_dir, "braces", body_file("{{speaker}} 是 {speaker}；{{{speaker}}}；}}{{"))
    template = load_template("braces", user_dir)
    assert template.placeholders == ["speaker"]
    assert render(template, {"speaker": "张三"}) == "{speaker} 是 张三；{张三}；}{"


def test_a_value_is_inserted_as_is_and_never_substituted_again(empty_dir):
    template = load_template("discussion", empty_dir)
    text = render(template, {"speaker": "{meeting}{{x}}", "meeting": "学习会"})
    assert text.splitlines()[2] == "{meeting}{{x}}"
    assert text.splitlines()[1] == "——在学习会上的研讨发言"


def test_render_refuses_a_bad_body_built_in_code():
    template = Template("t", "测试", "", "section", [], "第一行\n{0}", None)
    with pytest.raises(TemplateError, match="正文第 2 行"):
        render(template, {})


# --- user templates ---------------------------------------------------------------------------


def test_user_template_overrides_a_builtin_and_a_new_one_is_listed(user_dir):
    own = write(user_dir, "study-talk", body_file("我的开场：《{source_title}》"))
    write(user_dir, "my-section", body_file("【{position}】", '[labels]\nposition = "职务"\n'), section=True)
    listed = {t.name: t for t in list_templates(user_dir)}
    assert listed["study-talk"].path == own and listed["study-talk"].title == "测试"
    assert listed["my-section"].kind == "section" and "discussion" in listed
    assert render(load_template("study-talk", user_dir), {"source_title": "X"}) == "我的开场：《X》"
    section = load_template("my-section", user_dir)
    assert render(section, {}) == "【【职务】】"
    assert render(section, {"position": "科长"}) == "【科长】"


def test_templates_returned_are_copies_the_caller_may_change(empty_dir):
    template = load_template("study-talk", empty_dir)
    template.placeholders.append("speaker")
    template.body = "changed"
    again = load_template("study-talk", empty_dir)
    assert again.placeholders == ["source_title"] and again.body != "changed"


def test_hidden_and_non_toml_files_in_the_user_folder_are_ignored(user_dir):
    (user_dir / ".#draft.toml").write_text("broken = ", encoding="utf-8")
    (user_dir / "notes.txt").write_text("{0}", encoding="utf-8")
    assert {t.name for t in list_templates(user_dir)} == DOCUMENTS | SECTIONS


def test_a_broken_user_template_fails_listing_but_not_loading_another(user_dir):
    write(user_dir, "broken", "title = \n")
    with pytest.raises(TemplateError, match=r"broken\.toml"):
        list_templates(user_dir)
    assert load_template("pledge", user_dir).name == "pledge"


def test_toml_syntax_error_names_the_file_and_line(user_dir):
    write(user_dir, "syntax", '# 说明\ntitle = "测试"\ndescription = 没有引号\nbody = """x"""\n')
    with pytest.raises(TemplateError) as info:
        load_template("syntax", user_dir)
    assert isinstance(info.value, PinganError)
    assert "syntax.toml" in str(info.value) and "第 3 行" in str(info.value)
    assert "TOML" in info.value.reason and info.value.line == 3


def test_an_unclosed_body_is_reported_at_its_opening_line(user_dir):
    write(user_dir, "open", "title = \"测试\"\n\nbody = '''\n正文\n没有结束\n")
    with pytest.raises(TemplateError, match="第 3 行") as info:
        load_template("open", user_dir)
    assert "'''" in info.value.reason


def test_a_file_that_is_not_utf8_is_refused_with_its_line(user_dir):
    (user_dir / "gbk.toml").write_bytes('title = "测试"\nbody = "正文"\n'.encode("gb18030"))
    with pytest.raises(TemplateError, match="UTF-8") as info:
        load_template("gbk", user_dir)
    assert info.value.line == 1


@pytest.mark.parametrize("key", ["title", "body"])
def test_missing_required_key_names_the_key_and_file(user_dir, key):
    text = 'title = "测试"\n' if key == "body" else "body = '''正文'''\n"
    write(user_dir, "incomplete", text)
    with pytest.raises(TemplateError) as info:
        load_template("incomplete", user_dir)
    assert f"缺少必需的键 {key}" in str(info.value) and "incomplete.toml" in str(info.value)


def test_schema_errors_name_the_line_of_the_key(user_dir):
    cases = {
        'title = "测试"\nbody = "x"\ntitel = "拼错"\n': (3, "titel"),
        'title = "测试"\n\nbody = 3\n': (3, "body"),
        'name = "study-talk"\ntitle = "测试"\nbody = "x"\n': (1, "文件名"),
        'title = "测试"\nplaceholders = ["speaker"]\nbody = "{meeting}"\n': (2, "meeting"),
        'title = "测试"\nplaceholders = ["speaker", "meeting"]\nbody = "{meeting}"\n': (2, "speaker"),
        'title = "测试"\nbody = "{x}"\n[labels]\n\nx = ""\n': (5, "x"),
        'title = ""\nbody = "x"\n': (1, "title"),
    }
    for text, (line, word) in cases.items():
        write(user_dir, "schema", text)
        with pytest.raises(TemplateError) as info:
            load_template("schema", user_dir)
        assert info.value.line == line, (text, str(info.value))
        assert word in info.value.reason and "schema.toml" in str(info.value)


def test_unknown_placeholder_is_refused_unless_labelled(user_dir):
    write(user_dir, "custom", body_file("单位：{unit}\n职务：{position}"))
    with pytest.raises(TemplateError, match="第 5 行") as info:
        load_template("custom", user_dir)
    assert "{position}" in info.value.reason and "[labels]" in info.value.reason
    write(user_dir, "custom", body_file("单位：{unit}\n职务：{position}", '[labels]\nposition = "职务"\n'))
    template = load_template("custom", user_dir)
    assert template.placeholders == ["unit", "position"]
    assert render(template, {}) == "单位：【单位名称】\n职务：【职务】"


def test_same_name_as_document_and_section_is_refused(user_dir):
    write(user_dir, "twice", body_file("a"))
    write(user_dir, "twice", body_file("b"), section=True)
    with pytest.raises(TemplateError, match="重复"):
        list_templates(user_dir)


def test_unknown_template_name_lists_the_available_ones(user_dir):
    write(user_dir, "mine", body_file("x"))
    with pytest.raises(TemplateError) as info:
        load_template("study_talk", user_dir)
    message = str(info.value)
    assert "study_talk" in message
    for name in [*DOCUMENTS, *SECTIONS, "mine"]:
        assert name in message


def test_unknown_kind_is_a_programming_error(empty_dir):
    with pytest.raises(ValueError):
        list_templates(empty_dir, kind="chapter")
