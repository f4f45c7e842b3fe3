"""Hardening benchmark (issue 12): every file-reading command on ~1 MB adversarial inputs.

    .venv/bin/python -m benchmarks.hardening_bench [--mb 1.0] [--timeout 60] [--only NAME,…]
                                                   [--commands NAME,…] [--out FILE.json]

Generates one input of each class the issue names (repeated headings, point series, ①…⑩,
附件 lines, one repeated character, deep Markdown lists and quotes, 250,000 list items, 10,000
headings for export; and Markdown the plain line reader does not take: nested lists, a table,
runs of brackets, emphasis in every item), runs each command in a subprocess with a timeout,
and prints a table of seconds per command × input and the worst case. Measurements only:
nothing is asserted. A cell shows the exit code when it is not 0 (2 is a clean refusal),
TIMEOUT past the timeout, and TRACEBACK when stderr holds one."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pingan_writer.text.numerals import int_to_cn

ROOT = Path(__file__).resolve().parent.parent
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def _fill(unit: Callable[[int], str], size: int) -> str:
    """Units unit(0), unit(1), … joined until the UTF-8 size reaches `size` bytes."""
    out: list[str] = []
    total = i = 0
    while total < size:
        piece = unit(i)
        out.append(piece)
        total += len(piece.encode("utf-8"))
        i += 1
    return "".join(out)


def inputs(size: int) -> dict[str, tuple[str, str]]:
    """name → (file suffix, content), each about `size` bytes of UTF-8."""
    md_item_count = max(1, size * 250_000 // 2_500_000)  # the 250,000 items ≈ 2.5 MB
    return {
        # A heading style restarting at 1 nests under itself (class 1), the depth cap holds it.
        "headings_restart": (".txt", _fill(lambda i: "一、标题\n", size)),
        # 一是…二是… in one long paragraph, and in many paragraphs.
        "points_one_para": (".txt", _fill(lambda i: "一是甲，二是乙；", size) + "\n"),
        "points_lines": (".txt", _fill(lambda i: "　　一是加强学习，二是狠抓落实，三是务求实效。\n", size)),
        # ①…⑩ in one paragraph per line, and one marker per line.
        "circled_series": (".txt", _fill(lambda i: "".join(f"{c}甲。" for c in CIRCLED) + "\n", size)),
        "circled_lines": (".txt", _fill(lambda i: f"{CIRCLED[i % 10]}条目内容\n", size)),
        "annex_lines": (".txt", _fill(lambda i: "附件\n", size)),
        "one_char": (".txt", "好" * (size // 3) + "\n"),
        # 10,000+ headings of four levels with a sentence each, the shape of a long draft.
        "headings_10k": (".txt", _fill(_draft_unit, size)),
        # Markdown: 250,000 list items (scaled), lists 100 deep repeated, quotes 100 deep repeated.
        "md_list_items": (".md", "".join(f"- 项目{i}\n" for i in range(md_item_count))),
        "md_deep_lists": (".md", _fill(lambda i: _deep_list(100) + "\n", size)),
        "md_deep_quotes": (".md", _fill(lambda i: _deep_quote(100) + "\n", size)),
        # Markdown outside the plain subset the line reader takes: markdown-it reads it all.
        "md_nested_pairs": (".md", _fill(lambda i: f"- 甲{i}\n  - 乙{i}\n", size)),
        "md_table_rows": (".md", "| 甲 | 乙 |\n|---|---|\n" + _fill(lambda i: f"| 行{i} | 值 |\n", size)),
        "md_brackets": (".md", _fill(lambda i: "[" * 50 + f"文{i}\n", size)),
        # Plain Markdown whose every item has inline markup: markdown-it parses each inline.
        "md_emphasis_items": (".md", _fill(lambda i: f"- **项目{i}** 说明\n", size)),
    }


def _draft_unit(i: int) -> str:
    top, sub, item = i // 100 + 1, i // 10 % 10 + 1, i % 10 + 1
    head = f"{int_to_cn(top % 999 or 1)}、第{top}部分\n" if i % 100 == 0 else ""
    mid = f"（{int_to_cn(sub)}）第{sub}节\n" if i % 10 == 0 else ""
    return f"{head}{mid}{item}. 条目{i}\n　　这是第{i}段正文，一是学习，二是落实。\n"


def _deep_quote(depth: int) -> str:
    return "".join(">" * d + " 引用\n" for d in range(1, depth + 1))


def _deep_list(depth: int) -> str:
    return "".join("  " * d + f"- 第{d + 1}层\n" for d in range(depth))


COMMANDS: dict[str, Callable[[Path, Path, Path], list[str]]] = {
    "outline": lambda f, lib, out: ["outline", str(f)],
    "outline --json": lambda f, lib, out: ["outline", "--json", str(f)],
    "stats": lambda f, lib, out: ["stats", str(f)],
    "text": lambda f, lib, out: ["text", str(f), "-o", str(out / "text.txt")],
    "keywords FILE": lambda f, lib, out: ["keywords", str(f), "--library", str(out / "none.db")],
    "library add": lambda f, lib, out: ["library", "add", str(f), "--library", str(lib)],
    "keywords --source": lambda f, lib, out: ["keywords", "--source", "1", "--library", str(lib)],
    "quotes": lambda f, lib, out: ["quotes", str(f), "--source", str(f)],
    "check": lambda f, lib, out: ["check", str(f)],
    "export .docx": lambda f, lib, out: ["export", str(f), "-o", str(out / "out.docx")],
}


def run(argv: list[str], timeout: float) -> tuple[float, str]:
    """Seconds and a status: "" (exit 0), "exit N", "TRACEBACK" or "TIMEOUT"."""
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pingan_writer", *argv],
            capture_output=True,
            timeout=timeout,
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    except subprocess.TimeoutExpired:
        return timeout, "TIMEOUT"
    seconds = time.perf_counter() - t0
    if b"Traceback" in proc.stderr:
        return seconds, "TRACEBACK"
    return seconds, "" if proc.returncode == 0 else f"exit {proc.returncode}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of each input in MB (default 1)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run is stopped")
    parser.add_argument("--only", default="", help="comma-separated input names")
    parser.add_argument("--commands", default="", help="comma-separated command names")
    parser.add_argument("--out", type=Path, help="also write the table as JSON here")
    args = parser.parse_args(argv)
    size = int(args.mb * 1_000_000)
    made = inputs(size)
    names = [n for n in made if not args.only or n in args.only.split(",")]
    commands = [c for c in COMMANDS if not args.commands or c in args.commands.split(",")]
    table: dict[str, dict[str, tuple[float, str]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in names:
            suffix, content = made[name]
            work = folder / name
            work.mkdir()
            f = work / f"{name}{suffix}"
            f.write_text(content, encoding="utf-8")
            lib = work / "lib.db"
            row = table[name] = {}
            for command in commands:
                row[command] = run(COMMANDS[command](f, lib, work), args.timeout)
                print(f"  {name:18} {command:18} {_cell(*row[command])}", file=sys.stderr, flush=True)
    sizes = {n: len(made[n][1].encode("utf-8")) for n in names}
    _print_table(table, commands, sizes)
    if args.out:
        args.out.write_text(
            json.dumps({"sizes": sizes, "table": table}, ensure_ascii=False, indent=1), encoding="utf-8"
        )


def _cell(seconds: float, status: str) -> str:
    return f"{seconds:.1f}" + (f" {status}" if status else "")


def _print_table(
    table: dict[str, dict[str, tuple[float, str]]], commands: list[str], sizes: dict[str, int]
) -> None:
    print("| input | MB | " + " | ".join(commands) + " |")
    print("|---|---|" + "---|" * len(commands))
    worst = (0.0, "", "")
    for name, row in table.items():
        cells = [_cell(*row[c]) for c in commands]
        print(f"| {name} | {sizes[name] / 1e6:.2f} | " + " | ".join(cells) + " |")
        for c in commands:
            if row[c][0] > worst[0]:
                worst = (row[c][0], name, c)
    print(f"worst case: {worst[0]:.1f} s ({worst[2]} on {worst[1]})")


if __name__ == "__main__":
    main()
