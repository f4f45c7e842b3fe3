"""outline, stats and text: what a single file holds (a source in any format the app reads, or
a draft in the app's own .pingan format)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pingan_writer.cli.common import print_json, rate_arg
from pingan_writer.text.counting import DEFAULT_RATE

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pingan_writer.sources.model import Source
    from pingan_writer.text.outline import OutlineNode

# Commands import the layers they use when they run, so starting the GUI (or --help) does not
# pay for python-docx, lxml and jieba.


FILE_HELP = "原文文件（.txt .docx .doc .wps .pdf .odt .rtf .html .mhtml .md）或 .pingan 稿件"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("outline", help="显示文件的提纲（标题层级、一是二是要点、附件）")
    p.add_argument("file", metavar="FILE", help=FILE_HELP)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_outline)

    p = sub.add_parser("stats", help="统计字数、段落数和预计发言时长")
    p.add_argument("file", metavar="FILE", help=FILE_HELP)
    p.add_argument(
        "--rate", type=rate_arg, default=DEFAULT_RATE, help=f"语速，字/分钟（默认 {DEFAULT_RATE}）"
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_stats)

    p = sub.add_parser("text", help="输出程序读到的文字（UTF-8），便于核对或转换")
    p.add_argument("file", metavar="FILE", help=FILE_HELP)
    p.add_argument("-o", "--output", metavar="OUT", help="写入此文件（UTF-8，原子写入），而不是输出到屏幕")
    p.set_defaults(handler=cmd_text)


def read_file(path: str) -> Source:
    """A source file as read_source reads it; a file the source readers do not take (a .pingan
    draft, or its .bak) as the draft's text, titled by the draft's title, else the text's title
    line, else the file name."""
    from pingan_writer.sources import SUPPORTED_SUFFIXES, read_source

    if Path(path).suffix.lower() in SUPPORTED_SUFFIXES:
        return read_source(path)
    from pingan_writer.draft.fileformat import load_draft
    from pingan_writer.sources.model import Source
    from pingan_writer.text.outline import parse_outline

    draft = load_draft(path)  # anything that is not a draft either: read_source's message
    outline = parse_outline(draft.text)
    title = draft.meta.title or outline.title or Path(path).stem
    return Source(title, draft.text, Path(path), "pingan", "utf-8", outline)


def cmd_outline(args: argparse.Namespace) -> int:
    source = read_file(args.file)
    if args.json:
        _print_outline_json(source)
        return 0
    print(f"{source.title}（{source.format}，{source.encoding}，{len(source.text)} 字符）")
    # One write for the whole tree: a print a node was a fifth of the time of a 1 MB outline.
    sys.stdout.write("".join(_tree_lines(source.outline.nodes)))
    if not source.outline.nodes:
        print("  （未识别到标题层级）")
    return 0


def _print_outline_json(source: Source) -> None:
    """{"title", "encoding", "nodes"}, one top-level node a line. Indenting every level (as
    print_json does) made the output grow with nodes × depth, 97 MB for a 1 MB outline 32 deep,
    and json's indenting encoder is its slow pure-Python one; unindented nodes use the C one."""
    out = sys.stdout
    out.write("{\n")
    out.write(f'  "title": {json.dumps(source.title, ensure_ascii=False)},\n')
    out.write(f'  "encoding": {json.dumps(source.encoding, ensure_ascii=False)},\n')
    out.write('  "nodes": [')
    for i, node in enumerate(source.outline.nodes):
        out.write(("," if i else "") + "\n    " + json.dumps(node.to_dict(), ensure_ascii=False))
    out.write("\n  ]\n}\n" if source.outline.nodes else "]\n}\n")


def _tree_lines(nodes: list[OutlineNode]) -> Iterator[str]:
    """A line for each node, indented by depth, in document order."""
    from pingan_writer.text.outline import ANNEX, POINT

    stack = [(node, 1) for node in reversed(nodes)]
    while stack:
        node, depth = stack.pop()
        bullet = "· " if node.kind == POINT else ""
        gap = " " if node.kind in (POINT, ANNEX) and node.title else ""
        yield f"{'  ' * depth}{bullet}{node.number}{gap}{node.title}  [{node.start}–{node.end}]\n"
        stack.extend((child, depth + 1) for child in reversed(node.children))


def cmd_stats(args: argparse.Namespace) -> int:
    from pingan_writer.text.counting import text_stats

    source = read_file(args.file)
    stats = text_stats(source.text, args.rate)
    rate = int(args.rate) if float(args.rate).is_integer() else args.rate
    if args.json:
        print_json(
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


def cmd_text(args: argparse.Namespace) -> int:
    """The text exactly as the app reads it (what quotes are checked against), to the screen or
    atomically to a file; what reading it did that the user should know goes to stderr."""
    source = read_file(args.file)
    for note in source.notes:
        print(f"注意：{note}", file=sys.stderr)
    if args.output:
        from pingan_writer.atomic import atomic_write

        atomic_write(Path(args.output), source.text.encode("utf-8"), keep_backup=False)
        print(f"已写入 {args.output}（{len(source.text)} 字符）", file=sys.stderr)
        return 0
    sys.stdout.write(source.text if source.text.endswith("\n") else source.text + "\n")
    return 0
