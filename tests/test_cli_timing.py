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


def test_json_has_exactly_the_contract_keys(capsys):
    code, out, err = run(capsys, "timing", str(TALK_SAMPLE), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"rate", "total", "target_minutes", "sections"}
    assert set(data["total"]) == {"characters", "minutes"}
    assert data["rate"] == 180 and data["target_minutes"] is None
    for s in data["sections"]:
        assert set(s) == {"number", "title", "level", "start", "end", "characters", "minutes"}
        assert isinstance(s["level"], int) and isinstance(s["characters"], int)


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
