"""timing: how long each section of a talk takes to say (draft.timing), for scripts and the
speaker; the window's draft outline shows the same figures."""

from __future__ import annotations

import argparse

from pingan_writer.cli.common import RATE_RANGE, print_json
from pingan_writer.cli.source_cmds import FILE_HELP, read_file
from pingan_writer.text.counting import DEFAULT_RATE


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("timing", help="各部分字数和发言时长（按语速估算）")
    p.add_argument("draft", metavar="DRAFT", help=FILE_HELP)
    p.add_argument("--rate", type=rate, default=DEFAULT_RATE, help=f"语速，字/分钟（默认 {DEFAULT_RATE}）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_timing)


def rate(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{raw}”不是整数") from None
    low, high = RATE_RANGE
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"语速应在 {low}–{high} 字/分钟之间")
    return value


def cmd_timing(args: argparse.Namespace) -> int:
    from pingan_writer.draft.rehearsal import format_seconds, rehearsed_seconds, timing_report
    from pingan_writer.draft.timing import draft_timing

    source = read_file(args.draft)
    target, rehearsal = _draft_extras(args.draft)
    timing = draft_timing(source.text, args.rate, target)
    if args.json:
        print_json(timing_report(timing, rehearsal))
        return 0
    target_text = f"，目标 {timing.target_minutes:g} 分钟" if timing.target_minutes else ""
    pace = f"语速 {timing.rate} 字/分钟{target_text}"
    print(f"{source.title}：{timing.characters} 字，约 {timing.minutes:.1f} 分钟（{pace}）")
    if rehearsal is not None:
        started = rehearsal.started.replace("T", " ")[:16]
        print(f"上次排练 {started}：用时 {format_seconds(rehearsal.actual_seconds)}")
    for s, seconds in zip(timing.sections, rehearsed_seconds(timing, rehearsal), strict=True):
        share = timing.share_of_target(s)
        extra = f"  占目标 {share:.0%}" if share is not None else ""
        extra += f"  排练 {format_seconds(seconds)}" if seconds is not None else ""
        print(f"{'  ' * s.level}{s.number}{s.title}  {s.characters} 字  {s.minutes:.1f} 分钟{extra}")
    return 0


def _draft_extras(path: str):
    """A .pingan draft's target speaking time and newest rehearsal; (None, None) for other
    files (they carry neither)."""
    from pathlib import Path

    from pingan_writer.sources import SUPPORTED_SUFFIXES

    if Path(path).suffix.lower() in SUPPORTED_SUFFIXES:
        return None, None
    from pingan_writer.draft.fileformat import load_draft

    draft = load_draft(path)
    return draft.meta.target_minutes, (draft.rehearsals[-1] if draft.rehearsals else None)
