"""export: a draft to .docx (GB/T 9704), .pdf, .txt or .md, after a pre-print check.

What must be fixed before printing (draft.preflight: unfilled prompts, drifted quotes, numbering
and formulation errors) is listed on stderr; the export goes ahead unless --strict is given."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from pingan_writer.cli.common import ProgressBar
from pingan_writer.cli.timing_cmds import rate
from pingan_writer.export.options import (
    FANGSONG_CHOICES,
    KAITI_CHOICES,
    PROVENANCE_CHOICES,
    QUOTE_KAI,
    QUOTE_PLAIN,
    SPEAKER_SIZE_CHOICES,
    ExportOptions,
)
from pingan_writer.text.counting import DEFAULT_RATE

if TYPE_CHECKING:
    from pingan_writer.draft.model import Draft


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="导出为公文格式 Word（.docx）、PDF、.txt 或 .md")
    p.add_argument("draft", metavar="DRAFT", help="稿件：.pingan、.txt、.md 或 .docx")
    p.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="OUT.docx、OUT.pdf、OUT.txt 或 OUT.md"
    )
    p.add_argument(
        "--quote-style",
        choices=(QUOTE_PLAIN, QUOTE_KAI),
        default=QUOTE_PLAIN,
        help="引文字体：plain 与正文相同（默认），kai 用楷体",
    )
    p.add_argument("--source-notes", action="store_true", help="在引文后注明“（引自《…》）”")
    p.add_argument("--line-pitch", type=int, choices=(28, 29), default=29, help="行距（磅），默认 29")
    p.add_argument("--no-page-numbers", action="store_true", help="不加页码")
    p.add_argument("--no-signature", action="store_true", help="不在文末署发言人和日期")
    p.add_argument(
        "--fangsong",
        choices=FANGSONG_CHOICES,
        default=FANGSONG_CHOICES[0],
        help="正文的仿宋字体名（默认 仿宋_GB2312）",
    )
    p.add_argument(
        "--kaiti", choices=KAITI_CHOICES, default=KAITI_CHOICES[0], help="楷体字体名（默认 楷体_GB2312）"
    )
    p.add_argument(
        "--provenance",
        choices=PROVENANCE_CHOICES,
        default="none",
        help="在 Word 文件中注明每段引文的出处：comments 批注，notes 脚注，none 不写（默认）",
    )
    p.add_argument(
        "--speaker-copy",
        action="store_true",
        help="导出讲稿（供发言时念读）：大字号、宽行距，每个标题后注明该部分预计分钟数（.docx 和 .pdf）",
    )
    p.add_argument(
        "--speaker-size",
        type=int,
        choices=SPEAKER_SIZE_CHOICES,
        default=SPEAKER_SIZE_CHOICES[0],
        help="讲稿字号（磅）：16 三号（默认）、18 小二、22 二号",
    )
    p.add_argument(
        "--rate",
        type=rate,
        default=DEFAULT_RATE,
        metavar="N",
        help=f"讲稿上各部分分钟数所按的语速，字/分钟（默认 {DEFAULT_RATE}）",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="稿中还有未填写的提示、与原文不符的引文、编号或规范表述错误时不导出（退出码 2）",
    )
    p.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from pingan_writer.draft.fileformat import load_draft
    from pingan_writer.export.api import export_draft  # python-docx and lxml: only when exporting

    draft = load_draft(args.draft)
    if not _preflight_ok(draft, args.strict):
        return 2
    options = ExportOptions(
        quote_style=args.quote_style,
        source_notes=args.source_notes,
        line_pitch=args.line_pitch,
        page_numbers=not args.no_page_numbers,
        signature=not args.no_signature,
        fangsong=args.fangsong,
        kaiti=args.kaiti,
        provenance=args.provenance,
        speaker_copy=args.speaker_copy,
        speaker_size=args.speaker_size,
        speaker_rate=args.rate,
    )
    _warn_missing_fonts(options, args.output)
    bar = ProgressBar()
    try:
        out = export_draft(draft, args.output, options, lambda f: bar.update(f, "导出"))
    finally:
        bar.close()
    print(f"已导出 {out}")
    return 0


def _warn_missing_fonts(options: ExportOptions, output: str) -> None:
    from pingan_writer.export.fonts import missing_fonts_notice

    suffix = output.lower().rsplit(".", 1)[-1]
    if suffix in ("docx", "pdf"):
        notice = missing_fonts_notice(options, pdf=suffix == "pdf")
        if notice:
            print(f"提示：{notice}", file=sys.stderr)


MAX_LISTED = 50  # findings listed on stderr; a draft with thousands would bury the terminal


def _preflight_ok(draft: Draft, strict: bool) -> bool:
    """Report on stderr what must be fixed before printing; False when --strict forbids export."""
    from pingan_writer.draft.preflight import preflight, summary

    findings = preflight(draft)
    if not findings:
        return True
    if strict:
        print(f"未导出：稿件中还有 {summary(findings)}，请先处理：", file=sys.stderr)
    else:
        print(f"警告：稿件中还有 {summary(findings)}，打印前请处理（仍将导出）：", file=sys.stderr)
    line, counted = 1, 0  # findings come in text order, so lines are counted once
    for f in findings[:MAX_LISTED]:
        line += draft.text.count("\n", counted, f.start)
        counted = max(counted, f.start)
        print(f"  第 {line} 行：{f.message}", file=sys.stderr)
    if len(findings) > MAX_LISTED:
        rest = len(findings) - MAX_LISTED
        print(f"  ……另有 {rest} 处，请用 pingan-writer check 或在程序中“检查稿件”查看全部", file=sys.stderr)
    return not strict
