"""export: a draft to .docx (GB/T 9704), .pdf, .txt or .md."""

from __future__ import annotations

import argparse

from pingan_writer.cli.common import ProgressBar
from pingan_writer.export.options import QUOTE_KAI, QUOTE_PLAIN, ExportOptions


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
    p.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from pingan_writer.draft.fileformat import load_draft
    from pingan_writer.export.api import export_draft  # python-docx and lxml: only when exporting

    draft = load_draft(args.draft)
    options = ExportOptions(
        quote_style=args.quote_style,
        source_notes=args.source_notes,
        line_pitch=args.line_pitch,
        page_numbers=not args.no_page_numbers,
        signature=not args.no_signature,
    )
    bar = ProgressBar()
    try:
        out = export_draft(draft, args.output, options, lambda f: bar.update(f, "导出"))
    finally:
        bar.close()
    print(f"已导出 {out}")
    return 0
