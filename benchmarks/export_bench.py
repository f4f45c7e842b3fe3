"""Export benchmark: a 60,000-character draft to .docx, with pandoc on the same text as the peer.

    .venv/bin/python -m benchmarks.export_bench [--chars 60000] [--out benchmarks/results/export.json]

Timings are printed and written as JSON, never asserted."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from benchmarks import corpus
from benchmarks.timing import best_of
from pingan_writer.draft.fileformat import to_markdown
from pingan_writer.draft.model import Draft, DraftMeta
from pingan_writer.export.api import export_draft
from pingan_writer.export.options import ExportOptions

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "export.json"
GOAL_S = 1.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=60_000)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    text = corpus.document_text(args.chars, seed=3)
    draft = Draft(text, DraftMeta(title="学习体会", speaker="张三", date="2026年11月22日"))
    res: dict = {"chars": len(text), "paragraphs": text.count("\n") + 1}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        res["docx_s"] = best_of(5, lambda: export_draft(draft, folder / "out.docx"))
        res["docx_kai_notes_s"] = best_of(
            5,
            lambda: export_draft(
                draft, folder / "out2.docx", ExportOptions(quote_style="kai", source_notes=True)
            ),
        )
        res["docx_bytes"] = (folder / "out.docx").stat().st_size
        md = folder / "in.md"
        md.write_text(to_markdown(draft), encoding="utf-8")
        pandoc = shutil.which("pandoc")
        if pandoc:
            res["pandoc_version"] = subprocess.run(
                [pandoc, "--version"], capture_output=True, text=True
            ).stdout.split("\n")[0]
            res["pandoc_s"] = best_of(
                5, lambda: subprocess.run([pandoc, str(md), "-o", str(folder / "p.docx")], check=True)
            )
        else:
            res["pandoc_s"] = None
    ms = lambda s: "not installed (apt-get install pandoc)" if s is None else f"{s * 1000:.0f} ms"  # noqa: E731
    print(f"draft: {res['chars']:,} characters, {res['paragraphs']:,} paragraphs")
    print(
        f"export .docx (GB/T 9704), best of 5      {ms(res['docx_s']):>12}   goal ≤ {GOAL_S * 1000:.0f} ms "
        f"{'met' if res['docx_s'] <= GOAL_S else 'MISSED'}"
    )
    print(f"  with 楷体 quotes and source notes       {ms(res['docx_kai_notes_s']):>12}")
    peer = ms(res["pandoc_s"])
    print(f"pandoc, same text as Markdown → .docx    {peer:>12}   {res.get('pandoc_version', '')}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
