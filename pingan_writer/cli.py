"""Command line: the app's capabilities for scripts and tests.

Exit codes: 0 success; 2 bad input or usage (one line on stderr naming the file and the
problem, nothing written); 1 an unexpected internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from pingan_writer import __version__
from pingan_writer.errors import PinganError
from pingan_writer.sources import read_source
from pingan_writer.text.counting import DEFAULT_RATE, text_stats
from pingan_writer.text.outline import ANNEX, POINT, OutlineNode

PROG = "pingan-writer"
EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="平安写作：读原文、看结构、准确引用、按时长成稿、导出公文格式 Word。",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    p = sub.add_parser("outline", help="显示文件的提纲（标题层级、一是二是要点、附件）")
    p.add_argument("file", metavar="FILE", help=".txt、.docx 或 .md 文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_outline)

    p = sub.add_parser("stats", help="统计字数、段落数和预计发言时长")
    p.add_argument("file", metavar="FILE", help=".txt、.docx 或 .md 文件")
    p.add_argument(
        "--rate", type=_positive_number, default=DEFAULT_RATE, help=f"语速，字/分钟（默认 {DEFAULT_RATE}）"
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_stats)
    return parser


def _positive_number(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{raw}”不是数字") from None
    if not value > 0 or value != value or value == float("inf"):
        raise argparse.ArgumentTypeError("语速必须是正数")
    return value


def cmd_outline(args: argparse.Namespace) -> int:
    source = read_source(args.file)
    if args.json:
        _print_json(
            {
                "title": source.title,
                "encoding": source.encoding,
                "nodes": [n.to_dict() for n in source.outline.nodes],
            }
        )
        return 0
    print(f"{source.title}（{source.format}，{source.encoding}，{len(source.text)} 字符）")
    for node in source.outline.nodes:
        _print_tree(node, 0)
    if not source.outline.nodes:
        print("  （未识别到标题层级）")
    return 0


def _print_tree(node: OutlineNode, depth: int) -> None:
    bullet = "· " if node.kind == POINT else ""
    gap = " " if node.kind in (POINT, ANNEX) and node.title else ""
    print(f"{'  ' * (depth + 1)}{bullet}{node.number}{gap}{node.title}  [{node.start}–{node.end}]")
    for child in node.children:
        _print_tree(child, depth + 1)


def cmd_stats(args: argparse.Namespace) -> int:
    source = read_source(args.file)
    stats = text_stats(source.text, args.rate)
    rate = int(args.rate) if float(args.rate).is_integer() else args.rate
    if args.json:
        _print_json(
            {
                "title": source.title,
                "characters": stats.characters,
                "paragraphs": stats.paragraphs,
                "minutes": round(stats.minutes, 2),
                "rate": rate,
            }
        )
        return 0
    print(f"{source.title}")
    print(f"  字数：{stats.characters}")
    print(f"  段落：{stats.paragraphs}")
    print(f"  预计时长：{stats.minutes:.1f} 分钟（语速 {rate} 字/分钟）")
    return 0


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 0
    try:
        return handler(args)
    except PinganError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"{PROG}: 已取消", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
