"""Malformed .pingan drafts are refused at the door with one Chinese message naming the file and
the field (issue 12, classes 3 and 7); drift, a BOM and long drafts are not errors."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pingan_writer.draft.fileformat import DraftError, load_draft, save_draft
from pingan_writer.draft.model import Draft, DraftMeta, SourceRef
from pingan_writer.draft.schema import MAX_JSON_DEPTH


def good_data(lines: int = 3) -> dict:
    text_lines = ["按照会议安排，由我分享个人体会。"] + [f"正文第{i}段。" for i in range(1, lines)]
    return {
        "format": "pingan-draft",
        "version": 1,
        "meta": {
            "title": "体会",
            "speaker": "",
            "meeting": "",
            "date": "",
            "target_minutes": 8,
            "template": "",
        },
        "sources": [{"id": "abc", "title": "原文", "path": None, "library_id": 3}],
        "quotes": [
            {
                "start": 0,
                "end": 4,
                "source": "abc",
                "source_title": "原文",
                "node": ["一、"],
                "source_start": 10,
                "source_end": 14,
                "text": "按照会议",
                "page": None,
            }
        ],
        "lines": text_lines,
    }


def write(tmp_path: Path, data: object, name: str = "稿件.pingan") -> Path:
    path = tmp_path / name
    raw = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(raw, encoding="utf-8")
    return path


def refused(path: Path) -> str:
    with pytest.raises(DraftError) as exc:
        load_draft(path)
    message = str(exc.value)
    assert str(path) in message and "\n" not in message
    assert "argument" not in message and "DraftMeta" not in message and "Error" not in message
    return message


def with_change(change) -> dict:
    data = good_data()
    change(data)
    return data


BAD = [
    # (what, change, words the message must hold)
    ("minutes in words", lambda d: d["meta"].update(target_minutes="十"), "target_minutes 不是数字"),
    ("negative minutes", lambda d: d["meta"].update(target_minutes=-5), "target_minutes 应在 1–120"),
    ("huge minutes", lambda d: d["meta"].update(target_minutes=1e308), "target_minutes 应在 1–120"),
    ("zero minutes", lambda d: d["meta"].update(target_minutes=0), "target_minutes 应在 1–120"),
    ("boolean minutes", lambda d: d["meta"].update(target_minutes=True), "target_minutes 不是数字"),
    ("meta not a mapping", lambda d: d.update(meta=[1, 2]), "meta 不是对象"),
    ("meta title a number", lambda d: d["meta"].update(title=5), "meta 的 title 不是字符串"),
    ("unknown meta key", lambda d: d["meta"].update(colour=1), "未知字段 “colour”"),
    ("unknown top key", lambda d: d.update(extra=1), "未知字段 “extra”"),
    ("start in words", lambda d: d["quotes"][0].update(start="abc"), "第 1 条引文的 start 不是整数"),
    ("start a fraction", lambda d: d["quotes"][0].update(start=1.5), "第 1 条引文的 start 不是整数"),
    ("end past the text", lambda d: d["quotes"][0].update(end=10**6), "第 1 条引文的 end"),
    ("negative start", lambda d: d["quotes"][0].update(start=-1), "第 1 条引文的 start"),
    ("end before start", lambda d: d["quotes"][0].update(start=3, end=1), "end（1）小于 start（3）"),
    ("page in words", lambda d: d["quotes"][0].update(page="三"), "第 1 条引文的 page 不是整数"),
    ("page zero", lambda d: d["quotes"][0].update(page=0), "第 1 条引文的 page"),
    ("node not a list", lambda d: d["quotes"][0].update(node="一、"), "node 不是字符串列表"),
    ("quote missing text", lambda d: d["quotes"][0].pop("text"), "第 1 条引文缺少 text"),
    ("quote not a mapping", lambda d: d.update(quotes=[5]), "第 1 条引文 不是对象"),
    ("quotes not a list", lambda d: d.update(quotes={}), "quotes 不是列表"),
    ("source id a number", lambda d: d["sources"][0].update(id=1), "第 1 条原文记录的 id 不是字符串"),
    ("library id in words", lambda d: d["sources"][0].update(library_id="x"), "library_id 不是整数"),
    ("a line not text", lambda d: d["lines"].append(7), "lines 的第 4 行不是字符串"),
    ("lines missing", lambda d: d.pop("lines"), "缺少 lines"),
    ("version missing", lambda d: d.pop("version"), "缺少版本号"),
    ("version in words", lambda d: d.update(version="one"), "版本号不是整数"),
    ("version zero", lambda d: d.update(version=0), "版本号 0 无效"),
    ("version true", lambda d: d.update(version=True), "版本号不是整数"),
    ("version newer", lambda d: d.update(version=2), "更新版本"),
]


@pytest.mark.parametrize("what,change,words", BAD, ids=[b[0] for b in BAD])
def test_a_malformed_draft_is_refused_naming_the_file_and_the_field(tmp_path, what, change, words):
    message = refused(write(tmp_path, with_change(change)))
    assert words in message, message


def test_a_draft_without_a_version_is_not_called_newer(tmp_path):
    message = refused(write(tmp_path, with_change(lambda d: d.pop("version"))))
    assert "更新版本" not in message


@pytest.mark.parametrize(
    "raw,words",
    [
        (
            '{"format": "pingan-draft", "version": 1, "lines": ' + "[" * 100_000 + "]" * 100_000 + "}",
            "嵌套超过",
        ),
        ('{"format": "pingan-draft", "version": 1, "lines": [' + "9" * 5000 + "]}", "数值"),
        ('{"format": "pingan-draft", "version": 1, "lines": [], "meta": {"target_minutes": NaN}}', "数值"),
        ('{"format": "pingan-draft", "version": 1, "lines": [', "第 1 行"),
    ],
    ids=["nested 100000 deep", "5000-digit number", "NaN", "truncated"],
)
def test_json_the_parser_would_crash_on_is_refused(tmp_path, raw, words):
    assert words in refused(write(tmp_path, raw))


def test_brackets_inside_the_text_do_not_count_as_nesting(tmp_path):
    data = good_data()
    data["lines"].append("[" * (MAX_JSON_DEPTH * 10) + "{" * 100 + '\\"[[[')
    assert load_draft(write(tmp_path, data)).text.endswith('\\"[[[')


def test_a_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "带BOM.pingan"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(good_data(), ensure_ascii=False).encode("utf-8"))
    assert load_draft(path).meta.title == "体会"
    bak = tmp_path / "带BOM.pingan.bak"  # known as a draft by its first bytes, BOM or not
    bak.write_bytes(path.read_bytes())
    assert load_draft(bak).meta.title == "体会"


def test_a_quote_whose_text_no_longer_matches_is_drift_not_an_error(tmp_path):
    from pingan_writer.draft.drift import DRIFTED, check_quotes

    data = good_data()
    data["quotes"][0]["text"] = "完全不同的文字"
    draft = load_draft(write(tmp_path, data))
    [state] = check_quotes(draft, lambda _id: None)
    assert state.status == DRIFTED


def test_every_valid_draft_still_loads_and_round_trips(tmp_path):
    draft = Draft("一、标题\n正文。", DraftMeta(title="题", target_minutes=120))
    draft.insert_quote(5, "引文", SourceRef("h", "原文", None, 2**62), ["一、"], 0, 2, page=3)
    path = save_draft(draft, tmp_path / "ok.pingan")
    assert load_draft(path) == draft


# Property tests: a long valid draft with any one value replaced by junk loads or is refused
# with a DraftError naming the file, never anything else.
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _paths(data, prefix=()):
    if isinstance(data, dict):
        for k, v in data.items():
            yield (*prefix, k)
            yield from _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data[:3]):  # the first few lines stand for all of them
            yield (*prefix, i)
            yield from _paths(v, (*prefix, i))


def _long_data(lines: int) -> dict:
    data = good_data(lines)
    text = "\n".join(data["lines"])
    quotes = []
    for n in range(0, min(len(text) - 10, 40_000), 997):
        quotes.append({**data["quotes"][0], "start": n, "end": n + 5, "text": text[n : n + 5]})
    data["quotes"] = quotes
    return data


LONG = _long_data(3000)
PATHS = list(_paths(LONG))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(PATHS), junk=JUNK)
def test_a_long_draft_with_any_value_replaced_loads_or_is_refused_cleanly(tmp_path, where, junk):
    data = json.loads(json.dumps(LONG))
    target = data
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = junk
    path = write(tmp_path, data, "模糊.pingan")
    try:
        draft = load_draft(path)
    except DraftError as exc:
        assert str(path) in str(exc) and "\n" not in str(exc)
        return
    for q in draft.quotes:  # accepted: every offset the app slices with is inside the text
        assert 0 <= q.start <= q.end <= len(draft.text)
    assert draft.meta.target_minutes is None or 1 <= draft.meta.target_minutes <= 120


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), cuts=st.integers(1, 5))
def test_a_long_draft_damaged_on_disk_loads_or_is_refused_cleanly(tmp_path, seed, cuts):
    raw = bytearray(json.dumps(LONG, ensure_ascii=False).encode("utf-8"))
    rng = random.Random(seed)
    for _ in range(cuts):  # bytes overwritten, as a bad copy or a bad sector leaves them
        at = rng.randrange(len(raw))
        raw[at : at + rng.randint(1, 8)] = bytes(rng.choice(b'[]{}",:0123456789e-.ntfabc') for _ in range(4))
    path = tmp_path / "损坏.pingan"
    path.write_bytes(bytes(raw))
    try:
        load_draft(path)
    except DraftError as exc:
        assert str(path) in str(exc)


def test_a_damaged_recovery_file_is_skipped_and_kept_not_a_crash(tmp_path, caplog):
    from pingan_writer.draft.model import Draft
    from pingan_writer.draft.recovery import RecoveryStore

    store = RecoveryStore(tmp_path)
    store.save("good", Draft(text="完好的稿件。"), None)
    (tmp_path / "deep.recovery.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "list.recovery.json").write_text("[1, 2]", encoding="utf-8")
    entries = store.entries()
    assert [e.draft.text for e in entries] == ["完好的稿件。"]
    assert (tmp_path / "deep.recovery.json").exists() and "无法读取" in caplog.text
