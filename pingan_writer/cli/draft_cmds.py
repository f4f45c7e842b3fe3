"""new, templates, skeleton, quotes, check and renumber: drafting from a terminal.

A DRAFT argument accepts the native format (.pingan), .txt, .md or .docx; -o picks the output
format by its extension (.pingan, .txt or .md)."""

from __future__ import annotations

import argparse
from bisect import bisect_left
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pingan_writer.cli.common import minutes_arg, print_json, rate_arg
from pingan_writer.errors import PinganError
from pingan_writer.text.counting import DEFAULT_RATE

if TYPE_CHECKING:
    from pingan_writer.draft.model import Draft, SourceRef
    from pingan_writer.sources.model import Source

# Layer defaults repeated so building the parser imports no layer (tests/test_cli_draft.py
# checks they stay equal to draft.reuse.DEFAULT_MIN_CHARS and text.fingerprints.K / GUARANTEED_MIN).
DEFAULT_MIN_CHARS = 12
WINDOW = 8
GUARANTEED_MIN = 12
STUDY_SECTION = "学习体会"
MAX_MIN_CHARS = 10_000  # longer than any paragraph: a quote is never that long


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="按模板新建发言稿")
    p.add_argument("--template", required=True, metavar="NAME", help="模板名，见 pingan-writer templates")
    p.add_argument("--source", required=True, metavar="FILE", help="学习的原文")
    p.add_argument("--speaker", default="", metavar="S", help="发言人")
    p.add_argument("--meeting", default="", metavar="M", help="会议名称")
    p.add_argument("--date", default="", metavar="D", help="日期（默认今天）")
    p.add_argument("--minutes", type=minutes_arg, metavar="N", help="目标发言时长（分钟，1–120）")
    p.add_argument(
        "--node",
        action="append",
        default=[],
        metavar="NODE",
        help="把原文的这个提纲节点做成一条学习体会（可重复），如 三、（一）",
    )
    p.add_argument("--full", action="store_true", help="学习体会引用各要点全文（默认只引每个要点的首句）")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="输出文件：.pingan、.txt 或 .md")
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("templates", help="列出可用的模板")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_templates)

    p = sub.add_parser("skeleton", help="从原文提纲节点生成学习体会要点并插入稿件")
    p.add_argument("draft", metavar="DRAFT")
    p.add_argument("--source", required=True, metavar="FILE")
    p.add_argument("--node", action="append", required=True, metavar="NODE", help="提纲节点（可重复）")
    p.add_argument(
        "--under", default=STUDY_SECTION, metavar="TITLE", help=f"插到哪个标题下（默认“{STUDY_SECTION}”）"
    )
    p.add_argument("--full", action="store_true", help="引用各要点全文（默认只引每个要点的首句）")
    p.add_argument("-o", "--output", metavar="OUT", help="输出文件（默认覆盖原稿件，并保留 .bak）")
    p.set_defaults(handler=cmd_skeleton)

    p = sub.add_parser("quotes", help="找出稿件中逐字引自原文的部分，并检查引文是否走样")
    p.add_argument("draft", metavar="DRAFT")
    given = p.add_mutually_exclusive_group(required=True)
    given.add_argument("--source", action="append", metavar="FILE", help="原文文件（可重复）")
    # The contract makes --library a flag here; an optional PATH keeps it consistent with
    # the library commands (pingan-writer --library PATH quotes D --library works as well).
    given.add_argument(
        "--library", dest="use_library", nargs="?", const=True, metavar="PATH", help="与资料库中全部原文比对"
    )
    p.add_argument(
        "--min-chars",
        type=int,
        default=DEFAULT_MIN_CHARS,
        metavar="N",
        help=f"最短引用长度（字，默认 {DEFAULT_MIN_CHARS}）",
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_quotes)

    p = sub.add_parser("check", help="检查未填写的提示、编号、标点、重复、规范表述、引文和篇幅")
    p.add_argument("draft", metavar="DRAFT")
    p.add_argument(
        "--minutes", type=minutes_arg, metavar="N", help="目标时长（分钟，1–120，默认取稿件中的设置）"
    )
    p.add_argument("--rate", type=rate_arg, default=DEFAULT_RATE, metavar="N", help="语速，字/分钟")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("renumber", help="按层级重新编排标题序号（正文不动）")
    p.add_argument("draft", metavar="DRAFT")
    p.add_argument(
        "--fix-levels",
        action="store_true",
        help="同时纠正层级误用（如“二、”下又从“一、”编起，改为（一）（二））",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="输出文件（默认覆盖原稿件，并保留 .bak）")
    p.set_defaults(handler=cmd_renumber)


def _ref(source: Source) -> SourceRef:
    from pingan_writer.draft.model import SourceRef

    return SourceRef(source.content_hash, source.title, str(source.path) if source.path else None)


def cmd_new(args: argparse.Namespace) -> int:
    from pingan_writer.draft.fileformat import save_draft
    from pingan_writer.draft.newdraft import assemble_draft
    from pingan_writer.draft.nodes import find_node
    from pingan_writer.draft.templates import load_template
    from pingan_writer.sources import read_source

    template = load_template(args.template)
    source = read_source(args.source)
    today = args.date or f"{date.today().year}年{date.today().month}月{date.today().day}日"
    draft = assemble_draft(
        template,
        [(source, _ref(source))],
        speaker=args.speaker,
        meeting=args.meeting,
        date=today,
        target_minutes=args.minutes,
    )
    if args.node:
        nodes = [find_node(source.outline, spec, str(args.source)) for spec in args.node]
        try:
            _add_skeleton(draft, source, nodes, STUDY_SECTION, args.full)
        except PinganError:
            raise PinganError(
                None,
                f"模板“{template.name}”中没有标题含“{STUDY_SECTION}”的部分，--node 只能用于有这一部分的模板"
                "（如 study-talk）；可先新建，再用 pingan-writer skeleton --under 指定标题",
            ) from None
    out = save_draft(draft, args.output)
    print(f"已生成 {out}（{len(draft.quotes)} 处引文）；{_length_summary(draft)}")
    return 0


def _add_skeleton(draft: Draft, source: Source, nodes, under: str, full: bool):
    """Plan and apply the 学习体会 points as one edit; returns the plan."""
    from pingan_writer.draft.skeleton import FULL, LEAD, apply_plan, plan_skeleton

    plan = plan_skeleton(draft, source, _ref(source), nodes, under=under, detail=FULL if full else LEAD)
    apply_plan(draft, plan)
    return plan


def _length_summary(draft: Draft) -> str:
    """全文 812 字，约 4.5 分钟（目标 5 分钟）"""
    from pingan_writer.text.counting import count_characters, speaking_minutes

    chars = count_characters(draft.text)
    summary = f"全文 {chars} 字，约 {speaking_minutes(chars, DEFAULT_RATE):.1f} 分钟"
    if draft.meta.target_minutes:
        summary += f"（目标 {draft.meta.target_minutes:g} 分钟）"
    return summary


def cmd_skeleton(args: argparse.Namespace) -> int:
    from pingan_writer.draft.fileformat import load_draft, save_draft
    from pingan_writer.draft.nodes import find_node
    from pingan_writer.sources import read_source

    draft = load_draft(args.draft)
    source = read_source(args.source)
    nodes = [find_node(source.outline, spec, str(args.source)) for spec in args.node]
    try:
        plan = _add_skeleton(draft, source, nodes, args.under, args.full)
    except PinganError as exc:
        if exc.path is not None:
            raise
        raise PinganError(Path(args.draft), exc.reason) from None  # the layer knows no file name
    out = save_draft(draft, _output(args))
    replaced = f"替换 {plan.replaced_prompts} 条未填写的提示；" if plan.replaced_prompts else ""
    print(f"已插入 {len(nodes)} 条学习体会到 {out}：{replaced}{_length_summary(draft)}")
    return 0


def _output(args: argparse.Namespace) -> Path:
    from pingan_writer.draft.fileformat import DraftError

    if args.output:
        return Path(args.output)
    path = Path(args.draft)
    if path.suffix.lower() == ".docx":
        raise DraftError(path, "不能覆盖 .docx 文件，请用 -o 指定输出文件（.pingan、.txt 或 .md）")
    return path


def cmd_templates(args: argparse.Namespace) -> int:
    from pingan_writer.draft.templates import list_templates

    templates = list_templates()
    if args.json:
        print_json(
            {
                "templates": [
                    {
                        "name": t.name,
                        "title": t.title,
                        "description": t.description,
                        "kind": t.kind,
                        "placeholders": t.placeholders,
                    }
                    for t in templates
                ]
            }
        )
        return 0
    for t in templates:
        kind = "整篇" if t.kind == "document" else "段落"
        print(f"{t.name:<16}{t.title}（{kind}）  {t.description}")
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    from pingan_writer.draft.drift import check_quotes
    from pingan_writer.draft.fileformat import load_draft
    from pingan_writer.draft.reuse import MemoryIndex, find_reuse, node_coverage
    from pingan_writer.sources import read_source
    from pingan_writer.text.fingerprints import ReuseSource

    if not WINDOW <= args.min_chars <= MAX_MIN_CHARS:
        raise PinganError(
            None, f"参数 --min-chars 应在 {WINDOW}–{MAX_MIN_CHARS} 之间（现为 {str(args.min_chars)[:20]}）"
        )
    draft = load_draft(args.draft)
    if args.use_library:
        from pingan_writer.library.reuse_index import LibraryIndex
        from pingan_writer.library.store import Library

        lib = Library.open(args.use_library if isinstance(args.use_library, str) else args.library)
        try:
            index = LibraryIndex(lib)
            result = find_reuse(draft.text, index, args.min_chars)
            sources = {}
            for s in result.spans:  # outlines for the coverage table, only of sources quoted
                if s.source not in sources:
                    full = lib.get_source(int(s.source))
                    sources[s.source] = ReuseSource(s.source, full.title, full.text, full.outline)
            by_hash = lib.texts_by_hash({q.source for q in draft.quotes})
            states = check_quotes(draft, by_hash.get)
        finally:
            lib.close()
        incomplete = args.min_chars < GUARANTEED_MIN
    else:
        loaded = [(path, read_source(path)) for path in args.source]
        reuse_sources = [ReuseSource(path, s.title, s.text, s.outline) for path, s in loaded]
        result = find_reuse(draft.text, MemoryIndex(reuse_sources), args.min_chars)
        sources = {s.key: s for s in reuse_sources}
        by_hash = {s.content_hash: s.text for _, s in loaded}
        states = check_quotes(draft, by_hash.get)
        incomplete = False
    coverage_rows = [
        {
            "source": key,
            "source_title": src.title,
            "nodes": [
                {"number": n.number, "title": n.title, "path": path, "coverage": round(share, 4)}
                for n, path, share in node_coverage(src, result.spans)
            ],
        }
        for key, src in sources.items()
    ]
    if args.json:
        print_json(
            {
                "spans": [s.to_dict() for s in result.spans],
                "coverage": round(result.coverage, 4),
                "quotes": [st.to_dict() for st in states],
                "sources": coverage_rows,
            }
        )
        return 0
    _print_quotes(draft, result, states, coverage_rows, incomplete, args.min_chars)
    return 0


def _print_quotes(draft: Draft, result, states, coverage_rows, incomplete: bool, min_chars: int) -> None:
    print(
        f"引用占比：{result.coverage * 100:.1f}%（{len(result.spans)} 处逐字引用，每处至少 {min_chars} 字）"
    )
    if incomplete:
        print(f"  注意：资料库索引保证找出 {GUARANTEED_MIN} 字及以上的引用，更短的可能遗漏")
    for s in result.spans:
        snippet = draft.text[s.start : s.end].replace("\n", " ")
        snippet = snippet if len(snippet) <= 40 else snippet[:40] + "…"
        print(f"  [{s.start}–{s.end}] 《{s.source_title}》{' › '.join(s.node)}  “{snippet}”")
    drifted = [st for st in states if st.status == "drifted"]
    if states:
        print(f"记录的引文：{len(states)} 处，走样 {len(drifted)} 处")
    for st in drifted:
        changes = "；".join(f"原文“{d.source}”→稿件“{d.draft}”" for d in st.diff[:5])
        print(f"  [{st.quote.start}–{st.quote.end}] 《{st.quote.source_title}》：{changes}")
    for row in coverage_rows:
        used = [n for n in row["nodes"] if n["coverage"] > 0]
        print(f"《{row['source_title']}》各部分引用情况：")
        for n in used:
            print(f"  {' › '.join(n['path'])[:50]}  {n['coverage'] * 100:.0f}%")


def cmd_check(args: argparse.Namespace) -> int:
    from pingan_writer.draft.checks import run_draft_checks
    from pingan_writer.draft.fileformat import load_draft

    draft = load_draft(args.draft)
    minutes = args.minutes if args.minutes is not None else draft.meta.target_minutes
    # The draft, not just its text: recorded quotes are checked for drift too.
    findings = run_draft_checks(draft, target_minutes=minutes, rate=args.rate)
    if args.json:
        print_json({"findings": [f.to_dict() for f in findings]})
        return 0
    if not findings:
        print("未发现问题。")
    labels = {"error": "错误", "warning": "警告", "info": "提示"}
    # Line numbers by bisection over the line starts: counting from the top for each finding
    # was quadratic (tens of thousands of findings in a megabyte of repeated headings).
    newlines = [i for i, ch in enumerate(draft.text) if ch == "\n"]
    for f in findings:
        line = bisect_left(newlines, f.start) + 1
        print(
            f"第 {line} 行 [{labels.get(f.severity, f.severity)}] {f.message}  ({f.rule}, {f.start}–{f.end})"
        )
    return 0


def cmd_renumber(args: argparse.Namespace) -> int:
    from pingan_writer.draft.fileformat import load_draft, save_draft
    from pingan_writer.draft.renumber import fix_level_edits, renumber_edits
    from pingan_writer.draft.renumber_map import apply_edits

    draft = load_draft(args.draft)
    changed = apply_edits(draft, fix_level_edits(draft.text)) if args.fix_levels else 0
    changed += apply_edits(draft, renumber_edits(draft.text))
    out = save_draft(draft, _output(args))
    print(f"已重新编号：{out}" if changed else f"序号无需调整：{out}")
    return 0
