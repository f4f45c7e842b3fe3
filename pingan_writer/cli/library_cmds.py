"""library add/list/remove, search, keywords and related: the source library from a terminal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pingan_writer.cli.common import (
    EXIT_BAD_INPUT,
    PROG,
    ProgressBar,
    add_library_option,
    id_arg,
    limit_arg,
    open_library,
    print_json,
    top_arg,
)
from pingan_writer.errors import PinganError

if TYPE_CHECKING:
    from pingan_writer.library.keywords import Keyword
    from pingan_writer.library.records import PassageHit
    from pingan_writer.library.store import Library
    from pingan_writer.text.outline import OutlineNode

# The library's defaults, repeated so building the parser imports no layer
# (tests/test_cli_library.py checks they stay equal).
DEFAULT_LIMIT = 20
DEFAULT_TOP = 15

_STATUS = {"added": "已导入", "unchanged": "未变化", "replaced": "已替换"}


def register(sub: argparse._SubParsersAction) -> None:
    lib = sub.add_parser("library", help="管理资料库：导入、列出、移除原文")
    lib_sub = lib.add_subparsers(dest="library_command", metavar="操作", required=True)
    p = lib_sub.add_parser("add", help="导入文件或文件夹（.txt、.docx、.md）")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_library_option(p)
    p.set_defaults(handler=cmd_library_add)
    p = lib_sub.add_parser("list", help="列出资料库中的原文")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_library_option(p)
    p.set_defaults(handler=cmd_library_list)
    p = lib_sub.add_parser("remove", help="从资料库移除原文")
    p.add_argument("id", type=id_arg, metavar="ID")
    add_library_option(p)
    p.set_defaults(handler=cmd_library_remove)

    p = sub.add_parser("search", help="在资料库中搜索段落（词语；加引号为精确短语）")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--source", type=id_arg, metavar="ID", help="只搜索这篇原文")
    p.add_argument("--limit", type=limit_arg, default=DEFAULT_LIMIT, metavar="N", help="最多几条（1–1000）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_library_option(p)
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("keywords", help="原文及各部分的关键词（TF-IDF）")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("file", nargs="?", metavar="FILE")
    target.add_argument("--source", type=id_arg, metavar="ID", help="资料库中的原文编号")
    p.add_argument("--top", type=top_arg, default=DEFAULT_TOP, metavar="N", help="每处几个关键词（1–200）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_library_option(p)
    p.set_defaults(handler=cmd_keywords)

    p = sub.add_parser("related", help="与一段文字最相关的原文段落")
    given = p.add_mutually_exclusive_group(required=True)
    given.add_argument("text", nargs="?", metavar="TEXT")
    given.add_argument("--file", metavar="F", help="从文件读取文字")
    p.add_argument("--source", type=id_arg, metavar="ID", help="只在这篇原文中找")
    p.add_argument("--limit", type=limit_arg, default=10, metavar="N", help="最多列出几条（1–1000）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_library_option(p)
    p.set_defaults(handler=cmd_related)


def cmd_library_add(args: argparse.Namespace) -> int:
    from pingan_writer.library.importer import ImportProgress, import_paths

    bar = ProgressBar()
    lib = open_library(args)
    if lib.read_only is not None:  # one message, not one per file
        lib.close()
        raise PinganError(lib.path, f"{lib.read_only}，无法导入，资料库未改动")

    def show(p: ImportProgress) -> None:
        bar.update(p.fraction, f"{p.index + 1 if p.index < p.total else p.total}/{p.total} {p.path.name}")

    try:
        report = import_paths(lib, args.files, show)
    finally:
        bar.close()
        # A library this command created but filled with nothing (every file refused) goes again.
        lib.close_and_discard_if_unused()
    if args.json:
        print_json(
            {
                "results": [
                    {
                        "path": str(path),
                        "status": r.status,
                        "source": r.source_id,
                        "title": r.title,
                        "notes": r.notes,
                    }
                    for path, r in report.results
                ],
                "failures": [{"path": str(path), "error": reason} for path, reason in report.failures],
            }
        )
    else:
        for path, r in report.results:
            extra = f"（替换 #{r.replaced_id}）" if r.replaced_id else ""
            print(f"{_STATUS[r.status]}  #{r.source_id}  {r.title}{extra}  {path}")
            for note in r.notes:
                print(f"    注意：{note}")
    for path, reason in report.failures:
        print(f"{PROG}: {path}：{reason}", file=sys.stderr)
    if not report.results and not report.failures:
        given = "、".join(args.files)
        supported = ".txt .docx .doc .wps .pdf .odt .rtf .html .mhtml .md"
        print(
            f"{PROG}: {given}：没有找到可导入的文件（支持 {supported}）",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    return EXIT_BAD_INPUT if report.failures else 0


def cmd_library_list(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        infos = lib.sources()
    if args.json:
        print_json({"sources": [i.to_dict() for i in infos]})
        return 0
    if not infos:
        print("资料库是空的。用 pingan-writer library add FILE… 导入原文。")
    for i in infos:
        print(f"#{i.id}  {i.title}  {i.chars} 字符，{i.passages} 段  {i.path or ''}")
    return 0


def cmd_library_remove(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        if not lib.remove_source(args.id):
            raise PinganError(lib.path, f"资料库中没有编号为 {args.id} 的原文")
    print(f"已移除 #{args.id}")
    return 0


def _print_hits(hits: list[PassageHit], as_json: bool) -> None:
    if as_json:
        print_json({"results": [h.to_dict() for h in hits]})
        return
    if not hits:
        print("没有找到。")
    for n, h in enumerate(hits, 1):
        where = " › ".join(h.path) if h.path else "（正文开头）"
        print(f"{n}. 《{h.source_title}》 {where}  [{h.start}–{h.end}]  {h.score:.2f}")
        print(f"   {_marked(h)}")


def _marked(h: PassageHit) -> str:
    """The passage with hits in 【】 for a terminal."""
    out, pos = [], h.start
    for s, e in h.hits:
        out += [h.text[pos - h.start : s - h.start], "【", h.text[s - h.start : e - h.start], "】"]
        pos = e
    out.append(h.text[pos - h.start :])
    return "".join(out)


def _check_source(lib: Library, source_id: int | None) -> None:
    if source_id is not None and not lib.has_source(source_id):
        raise PinganError(lib.path, f"资料库中没有编号为 {source_id} 的原文")


def cmd_search(args: argparse.Namespace) -> int:
    from pingan_writer.library.search import search

    with open_library(args) as lib:
        _check_source(lib, args.source)
        hits = search(lib, args.query, args.source, args.limit)
    _print_hits(hits, args.json)
    return 0


def cmd_related(args: argparse.Namespace) -> int:
    from pingan_writer.library.search import related
    from pingan_writer.sources import read_source

    text = read_source(args.file).text if args.file else args.text
    with open_library(args) as lib:
        _check_source(lib, args.source)
        hits = related(lib, text, args.limit, args.source)
    _print_hits(hits, args.json)
    return 0


def cmd_keywords(args: argparse.Namespace) -> int:
    from pingan_writer.library.keywords import sections_keywords, source_keywords, stored_sections_keywords
    from pingan_writer.sources import read_source

    if args.source is not None:
        with open_library(args) as lib:
            _check_source(lib, args.source)
            source = lib.get_source(args.source)
            overall = source_keywords(lib, args.source, args.top)
            sections = _sections(source.outline.nodes)
            spans = [(n.start, n.end) for n, _ in sections]
            found = stored_sections_keywords(lib, args.source, spans, args.top)
            nodes = [(n, path, kws) for (n, path), kws in zip(sections, found, strict=True)]
    else:
        source = read_source(args.file)
        lib = _existing_library(args)
        try:
            # One segmentation of the whole text; each section's keywords from its slice of it.
            sections = _sections(source.outline.nodes)
            spans = [(0, len(source.text)), *((n.start, n.end) for n, _ in sections)]
            found = sections_keywords(source.text, spans, lib, args.top)
            overall = found[0]
            nodes = [(n, path, kws) for (n, path), kws in zip(sections, found[1:], strict=True)]
        finally:
            if lib is not None:
                lib.close()
    if args.json:
        print_json(
            {
                "title": source.title,
                "keywords": [k.to_dict() for k in overall],
                "nodes": [
                    {
                        "number": n.number,
                        "title": n.title,
                        "path": path,
                        "start": n.start,
                        "end": n.end,
                        "keywords": [k.to_dict() for k in kws],
                    }
                    for n, path, kws in nodes
                ],
            }
        )
        return 0
    print(f"《{source.title}》 {_line(overall)}")
    # One write: a print a section was a fifth of the time for a 1 MB outline of headings.
    lines = (f"{'  ' * len(path)}{n.number}{n.title[:24]}  {_line(kws)}\n" for n, path, kws in nodes)
    sys.stdout.write("".join(lines))
    return 0


def _line(keywords: list[Keyword]) -> str:
    return "、".join(k.word for k in keywords)


def _sections(nodes: list[OutlineNode], path: list[str] | None = None) -> list[tuple[OutlineNode, list[str]]]:
    from pingan_writer.text.outline import HEADING, POINT

    """Every heading and annex with its path of titles (points are too short to summarise)."""
    out = []
    for n in nodes:
        if n.kind == POINT:
            continue
        here = [*(path or []), n.title or n.number]
        out.append((n, here))
        if n.kind == HEADING or n.children:
            out.extend(_sections(n.children, here))
    return out


def _existing_library(args: argparse.Namespace) -> Library | None:
    """The library for document frequencies, but only if one exists: reading a file's keywords
    should not create a library as a side effect."""
    from pingan_writer.library.paths import resolve_library_path
    from pingan_writer.library.store import Library

    path = resolve_library_path(getattr(args, "library", None))
    return Library.open(path) if Path(path).exists() else None
