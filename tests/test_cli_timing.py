"""`pingan-writer timing DRAFT [--rate N] [--json]`: minutes per section, one core function
(draft.timing) for the CLI and the window; the sections add up to `stats`."""

from __future__ import annotations

import json

import pytest

from pingan_writer.cli import main
from pingan_writer.draft.fileformat import save_draft
from pingan_writer.draft.model import Draft, DraftMeta
from pingan_writer.draft.timing import OPENING_TITLE, draft_timing

from .conftest import TALK_SAMPLE


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


CONTRACT = {"rate", "total", "target_minutes", "sections"}
SECTION_CONTRACT = {"number", "title", "level", "start", "end", "characters", "minutes"}
# Added since (the contract allows additions, never renames): the last rehearsal's times.
ADDED, SECTION_ADDED = {"last_rehearsal"}, {"rehearsed_seconds"}


def test_json_has_exactly_the_contract_keys_and_the_documented_additions(capsys):
    code, out, err = run(capsys, "timing", str(TALK_SAMPLE), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == CONTRACT | ADDED
    assert set(data["total"]) == {"characters", "minutes"}
    assert data["rate"] == 180 and data["target_minutes"] is None and data["last_rehearsal"] is None
    for s in data["sections"]:
        assert set(s) == SECTION_CONTRACT | SECTION_ADDED
        assert isinstance(s["level"], int) and isinstance(s["characters"], int)
        assert s["rehearsed_seconds"] is None


def test_a_rehearsed_draft_shows_its_last_rehearsal(tmp_path, capsys):
    from pingan_writer.draft.rehearsal import record

    text = "开头的话。\n一、第一部分\n" + "正文。" * 60 + "\n二、第二部分\n" + "内容。" * 30
    draft = Draft(text=text)
    timing = draft_timing(text, 180)
    draft.rehearsals.append(record("2026-11-30T09:00:00", timing, [3.0, 50.0, 80.0]))
    draft.rehearsals.append(record("2026-12-01T09:00:00", timing, [2.0, 62.0, 95.0]))
    path = tmp_path / "稿.pingan"
    save_draft(draft, path)
    data = json.loads(run(capsys, "timing", str(path), "--json")[1])
    assert data["last_rehearsal"]["started"] == "2026-12-01T09:00:00"  # the newest
    assert data["last_rehearsal"]["actual_seconds"] == 95.0
    assert [s["rehearsed_seconds"] for s in data["sections"]] == [2.0, 60.0, 33.0]
    code, out, _ = run(capsys, "timing", str(path))
    assert code == 0 and "上次排练 2026-12-01 09:00：用时 1:35" in out
    assert "一、第一部分" in out and "排练 1:00" in out


def test_the_sample_talk_adds_up_to_its_stats_total(capsys):
    timing = json.loads(run(capsys, "timing", str(TALK_SAMPLE), "--json")[1])
    stats = json.loads(run(capsys, "stats", str(TALK_SAMPLE), "--json")[1])
    top = [s for s in timing["sections"] if s["level"] == 1]
    assert sum(s["characters"] for s in top) == stats["characters"] == timing["total"]["characters"]
    assert timing["total"]["minutes"] == stats["minutes"]
    assert [s["number"] + s["title"] for s in top] == [OPENING_TITLE, "一、主要内容", "二、学习体会"]
    under = [s for s in timing["sections"] if s["level"] == 2]
    assert len(under) == 3 and sum(s["characters"] for s in under) <= top[2]["characters"]


def test_rate_and_the_drafts_own_target(tmp_path, capsys):
    draft = Draft(
        text="开头的话。\n一、第一部分\n" + "正文。" * 60 + "\n二、第二部分\n" + "内容。" * 30,
        meta=DraftMeta(target_minutes=2),
    )
    path = tmp_path / "稿.pingan"
    save_draft(draft, path)
    data = json.loads(run(capsys, "timing", str(path), "--rate", "90", "--json")[1])
    assert data["rate"] == 90 and data["target_minutes"] == 2
    first = next(s for s in data["sections"] if s["number"] == "一、")
    assert first["minutes"] == round(first["characters"] / 90, 2)
    code, out, _ = run(capsys, "timing", str(path))
    assert code == 0 and "占目标" in out


@pytest.mark.parametrize("bad", ["0", "-5", "abc", "1e308", "99999999999999999999"])
def test_bad_rate_is_refused_in_chinese(capsys, bad):
    with pytest.raises(SystemExit) as info:
        main(["timing", str(TALK_SAMPLE), "--rate", bad])
    assert info.value.code == 2 and "--rate" in capsys.readouterr().err


def test_sections_cover_the_text_in_order():
    timing = draft_timing("一、甲\n内容一\n（一）乙\n内容二\n二、丙\n内容三")
    assert [(s.number, s.level) for s in timing.sections] == [("一、", 1), ("（一）", 2), ("二、", 1)]
    assert timing.sections[0].characters == timing.sections[1].characters + 6  # + 一、甲 and 内容一
    assert timing.share_of_target(timing.sections[0]) is None
