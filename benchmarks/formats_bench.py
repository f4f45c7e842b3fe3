"""Format fidelity benchmark: each test document as .docx numbered by Word, PDF printed from Word,
.doc, .odt and saved news pages, read back with read_source and measured against its .txt.

    .venv/bin/python -m benchmarks.formats_bench [--set {dev,heldout,all}]
        [--out benchmarks/results/formats.json]

Two sets of documents: dev, the project's own test documents the readers were written against,
and heldout, benchmarks/formats/heldout/*.txt, which no reader was tuned on (see its README).
Each set gets its own table and per-format summary; the JSON keeps the overall summary too.

Per format and document: heading F1 and depth accuracy (headings matched by number and title),
the share of the .txt's sentences found verbatim, and the length ratio (non-whitespace
characters). Then two timings, median of 5: a 30-page PDF read by read_source against poppler's
pdftotext, and a .docx with 200 Word-numbered headings against python-docx's plain paragraph
read. Figures are printed and written as JSON, never asserted."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from benchmarks.formats import make
from pingan_writer.errors import PinganError
from pingan_writer.sources import Source, read_source
from pingan_writer.text.numerals import int_to_cn
from pingan_writer.text.outline import ANNEX, HEADING, Outline, OutlineNode

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "formats.json"
SAMPLE = ROOT / "seeds" / "建设更高水平的平安中国.txt"
DEV = "dev"
HELDOUT = "heldout"
SETS = (DEV, HELDOUT)
DOCUMENTS = (*sorted((ROOT / "tests" / "data" / "outline").glob("*.txt")), SAMPLE)
HELDOUT_DIR = ROOT / "benchmarks" / "formats" / "heldout"
MEASURED = (
    make.NUMBERED_DOCX,
    make.OFFICIAL_DOCX,
    make.PDF,
    make.DOC,
    make.ODT,
    make.HTML,
    make.GBK_HTML,
)
NEWS_PAGES = (make.HTML, make.GBK_HTML)
# The "Done when": per format, on every document.
GOAL_HEADINGS = 0.97
GOAL_VERBATIM = 0.98
GOAL_LENGTH = 0.02
MIN_SENTENCE = 6
_SENTENCE_SPLIT = re.compile("[。！？；\n]")
_WS = re.compile(r"\s+")


def documents(which: str) -> dict[str, tuple[Path, ...]]:
    """The documents of `which` ("dev", "heldout" or "all") by set, in a stable order."""
    found = {DEV: DOCUMENTS, HELDOUT: tuple(sorted(HELDOUT_DIR.glob("*.txt")))}
    return {name: paths for name, paths in found.items() if which in (name, "all")}


# ---------------------------------------------------------------- measures (the test uses them too)


def norm(s: str) -> str:
    """Whitespace removed (\\s covers the ideographic space)."""
    return _WS.sub("", s)


def body_sentences(text: str) -> list[str]:
    """The text's sentences, split on 。！？； and newlines, trimmed, of at least 6 characters."""
    out = []
    for piece in _SENTENCE_SPLIT.split(text):
        piece = piece.strip()
        if len(piece) >= MIN_SENTENCE:
            out.append(piece)
    return out


def verbatim_share(sentences: list[str], text: str) -> float:
    if not sentences:
        return 1.0
    return sum(1 for s in sentences if s in text) / len(sentences)


def missing_sentences(sentences: list[str], text: str) -> list[str]:
    return [s for s in sentences if s not in text]


def visible_length(text: str) -> int:
    """Characters that are not whitespace: indentation and line breaks do not count."""
    return len(norm(text))


def headings(outline: Outline) -> list[tuple[str, str, int]]:
    """(number, title, depth) of every heading and annex node, whitespace normalised."""
    return [(norm(n.number), norm(n.title), n.level) for n in outline.walk() if n.kind in (HEADING, ANNEX)]


Heading = tuple[str, str, int]


def heading_scores(expected: list[Heading], got: list[Heading]) -> tuple[float, float]:
    """(F1 over (number, title) pairs, share of matched headings at the same depth)."""
    want = Counter((n, t) for n, t, _ in expected)
    have = Counter((n, t) for n, t, _ in got)
    matched = sum((want & have).values())
    if not expected and not got:
        return 1.0, 1.0
    precision = matched / len(got) if got else 0.0
    recall = matched / len(expected) if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if matched else 0.0
    # Repeated (number, title) pairs are paired in document order.
    depths_want: dict[tuple[str, str], list[int]] = defaultdict(list)
    depths_have: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, t, d in expected:
        depths_want[(n, t)].append(d)
    for n, t, d in got:
        depths_have[(n, t)].append(d)
    same = sum(
        sum(1 for a, b in zip(depths_want[k], depths_have[k], strict=False) if a == b) for k in depths_want
    )
    return f1, (same / matched if matched else 0.0)


def outline_shape(nodes: list[OutlineNode]) -> list[tuple]:
    """The outline as (kind, number, title, children) trees, whitespace normalised."""
    return [(n.kind, norm(n.number), norm(n.title), outline_shape(n.children)) for n in nodes]


def measure(reference: Source, path: Path, article: str | None = None) -> dict:
    """The figures for one file against the .txt's Source; a refused file is reported as not read.
    `article`, for a news page, is the text a perfect extraction gives (title and date line
    included): the length ratio is taken against it, and against the .txt as length_ratio_txt."""
    t0 = time.perf_counter()
    try:
        got = read_source(path)
    except PinganError as exc:
        return {"read": False, "error": str(exc)}
    seconds = time.perf_counter() - t0
    f1, depth = heading_scores(headings(reference.outline), headings(got.outline))
    sentences = body_sentences(reference.text)
    missing = missing_sentences(sentences, got.text)
    return {
        "read": True,
        "read_s": seconds,
        "heading_f1": f1,
        "depth_accuracy": depth,
        "verbatim_share": verbatim_share(sentences, got.text),
        "length_ratio": visible_length(got.text) / max(1, visible_length(article or reference.text)),
        "length_ratio_txt": visible_length(got.text) / max(1, visible_length(reference.text)),
        "title_equal": norm(got.title) == norm(reference.title),
        "outline_equal": outline_shape(got.outline.nodes) == outline_shape(reference.outline.nodes),
        "missing_sentences": missing[:3],
        "missing_headings": _heading_diff(reference.outline, got.outline)[:3],
        "extra_headings": _heading_diff(got.outline, reference.outline)[:3],
    }


def _heading_diff(outline: Outline, other: Outline) -> list[str]:
    """The "number title (depth)" of headings in `outline` that `other` lacks, in order, each
    repeated (number, title) pair counted once per occurrence."""
    left = Counter((n, t) for n, t, _ in headings(other))
    out = []
    for n, t, d in headings(outline):
        if left[(n, t)]:
            left[(n, t)] -= 1
        else:
            out.append(f"{n}{t}（第{d}级）")
    return out


# ---------------------------------------------------------------- fidelity over the documents


def fidelity(folder: Path, soffice: make.Soffice | None, sets: dict[str, tuple[Path, ...]]) -> dict:
    """Every document of `sets` built and read back: "documents" (each entry names its set),
    "summary" over all of them, and per set a "documents_measured" list and its "summary"."""
    docs: dict[str, dict] = {}
    res: dict = {}
    for set_name, paths in sets.items():
        for txt in paths:
            if txt.stem in docs:
                raise ValueError(f"document name {txt.stem} occurs in two sets")
            docs[txt.stem] = _fidelity_one(folder, soffice, txt)
            docs[txt.stem]["set"] = set_name
        members = {p.stem: docs[p.stem] for p in paths}
        res[set_name] = {
            "documents_measured": [str(p.relative_to(ROOT)) for p in paths],
            "summary": _summary(members),
        }
    return {"documents": docs, "summary": _summary(docs), **res}


def _fidelity_one(folder: Path, soffice: make.Soffice | None, txt: Path) -> dict:
    """One document built in every format and each file measured against the .txt."""
    reference = read_source(txt)
    fset = make.build_set(txt, folder / txt.stem, soffice)
    entry: dict = {"chars": visible_length(reference.text), "formats": {}, "skipped": fset.skipped}
    for fmt in MEASURED:
        if fmt in fset.files:
            article = make.news_article_text(reference) if fmt in NEWS_PAGES else None
            entry["formats"][fmt] = measure(reference, fset.files[fmt], article)
    entry["checks"] = _fixture_checks(fset, reference, soffice)
    return entry


def _fixture_checks(fset: make.FormatSet, reference: Source, soffice: make.Soffice | None) -> dict:
    """That the built files are what they claim: Word's labels render as typed, the PDF has
    "— N —" page numbers."""
    checks: dict = {}
    if soffice is not None and make.NUMBERED_DOCX in fset.files:
        rendered = make.rendered_text(soffice, fset.files[make.NUMBERED_DOCX])
        checks["numbering_label_mismatches"] = len(make.label_mismatches(reference, rendered))
    if make.PDF in fset.files and shutil.which("pdftotext"):
        checks["pdf_page_numbers"] = make.pdf_page_numbers(fset.files[make.PDF])
    return checks


def _summary(docs: dict[str, dict]) -> dict:
    out: dict = {}
    for fmt in MEASURED:
        rows = [d["formats"][fmt] for d in docs.values() if fmt in d["formats"]]
        read = [r for r in rows if r["read"]]
        entry: dict = {"documents": len(rows), "read": len(read)}
        if not rows:
            entry["not_built"] = sorted({d["skipped"].get(fmt, "") for d in docs.values()} - {""})
        elif not read:
            entry["not_read"] = rows[0]["error"]
        else:
            for key in ("heading_f1", "depth_accuracy", "verbatim_share", "length_ratio"):
                values = [r[key] for r in read]
                entry[key] = {"mean": statistics.fmean(values), "min": min(values), "max": max(values)}
            entry["meets_goal"] = len(read) == len(rows) and all(
                r["heading_f1"] >= GOAL_HEADINGS
                and r["depth_accuracy"] >= GOAL_HEADINGS
                and r["verbatim_share"] >= GOAL_VERBATIM
                and abs(r["length_ratio"] - 1) <= GOAL_LENGTH
                for r in read
            )
        out[fmt] = entry
    return out


# ---------------------------------------------------------------- timings


def median_of(n: int, fn: Callable[[], object]) -> float:
    runs = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def timed_read(path: Path) -> dict:
    try:
        got = read_source(path)
    except PinganError as exc:
        return {"read": False, "error": str(exc)}
    return {"read": True, "median_s": median_of(5, lambda: read_source(path)), "chars": len(got.text)}


def long_pdf(folder: Path, soffice: make.Soffice, pages: int = 30) -> tuple[Path, int]:
    """The sample source repeated until LibreOffice's PDF of its official layout has `pages`."""
    text = SAMPLE.read_text(encoding="utf-8").rstrip("\n")
    copies = 3
    while True:
        txt = folder / "long.txt"
        txt.write_text("\n".join([text] * copies) + "\n", encoding="utf-8")
        docx_path = folder / "long.official.docx"
        docx_path.write_bytes(make.official_docx(read_source(txt)))
        pdf = soffice.convert(docx_path, "pdf", folder / "long.pdf")
        count = make.pdf_page_count(pdf)
        if count >= pages or copies > 20:
            return pdf, count
        copies += 1


def pdf_timing(folder: Path, soffice: make.Soffice | None) -> dict:
    if soffice is None:
        return {"skipped": make.NO_SOFFICE}
    pdf, pages = long_pdf(folder, soffice)
    res: dict = {"pages": pages, "bytes": pdf.stat().st_size, "read_source": timed_read(pdf)}
    exe = shutil.which("pdftotext")
    if exe is None:
        res["pdftotext"] = res["pdftotext_layout"] = None
        return res
    version = subprocess.run([exe, "-v"], capture_output=True, text=True)
    res["pdftotext_version"] = (version.stderr or version.stdout).split("\n")[0]
    for key, extra in (("pdftotext", []), ("pdftotext_layout", ["-layout"])):
        cmd = [exe, *extra, str(pdf), "-"]
        run = lambda c=cmd: subprocess.run(c, capture_output=True, check=True)  # noqa: E731
        res[key] = {"median_s": median_of(5, run)}
    return res


def numbered_headings_text(sections: int = 20, subsections: int = 9) -> str:
    """A document with sections × (1 + subsections) headings (一、 and （一）), bodies taken
    from the sample source's sentences."""
    sentences = [
        s + "。"
        for s in body_sentences(SAMPLE.read_text(encoding="utf-8"))
        if len(s) > 20 and s[0] not in "（一二三四五六七八九十"  # no heading of the sample's own
    ]
    lines = ["关于平安建设重点工作任务分解的通知", ""]
    k = 0
    for i in range(1, sections + 1):
        lines.append(f"{int_to_cn(i)}、第{int_to_cn(i)}方面重点任务")
        lines.append(sentences[k % len(sentences)])
        k += 1
        for j in range(1, subsections + 1):
            lines.append(f"（{int_to_cn(j)}）第{int_to_cn(j)}项具体措施。{sentences[k % len(sentences)]}")
            k += 1
    return "\n".join(lines) + "\n"


def docx_timing(folder: Path) -> dict:
    import docx

    txt = folder / "numbered200.txt"
    txt.write_text(numbered_headings_text(), encoding="utf-8")
    reference = read_source(txt)
    path = folder / "numbered200.docx"
    path.write_bytes(make.numbered_docx(reference))
    res: dict = {"headings": len(headings(reference.outline)), "read_source": timed_read(path)}
    if res["read_source"]["read"]:
        got = read_source(path)
        f1, _ = heading_scores(headings(reference.outline), headings(got.outline))
        res["read_source"]["heading_f1"] = f1
    res["python_docx"] = {
        "median_s": median_of(5, lambda: [p.text for p in docx.Document(str(path)).paragraphs])
    }
    return res


# ---------------------------------------------------------------- report


def _pct(x: float) -> str:
    return f"{x * 100:5.1f}%"


def format_table(res: dict) -> str:
    """Per set (dev, heldout): its documents' rows, then its per-format summary; with both sets,
    the summary over all documents last."""
    sets = [name for name in SETS if name in res]
    blocks = []
    for name in sets:
        docs = {k: d for k, d in res["documents"].items() if d.get("set") == name}
        title = f"== {name}: {len(docs)} documents =="
        blocks.append("\n".join([title, _document_rows(docs), "", _summary_rows(res[name]["summary"])]))
    if len(sets) > 1:
        blocks.append("\n".join(["== all: summary over both sets ==", _summary_rows(res["summary"])]))
    return "\n\n".join(blocks)


def _document_rows(docs: dict[str, dict]) -> str:
    lines = [f"{'document':<26}{'format':<15}{'F1':>7}{'depth':>8}{'verbatim':>9}{'length':>8}  outline"]
    for name, doc in docs.items():
        for fmt, r in doc["formats"].items():
            if not r["read"]:
                lines.append(f"{name:<26}{fmt:<15}  not read: {r['error']}")
                continue
            lines.append(
                f"{name:<26}{fmt:<15}{r['heading_f1']:7.3f}{r['depth_accuracy']:8.3f}"
                f"{_pct(r['verbatim_share']):>9}{r['length_ratio']:8.3f}  "
                f"{'equal' if r['outline_equal'] else 'differs'}"
            )
        for fmt, why in doc["skipped"].items():
            lines.append(f"{name:<26}{fmt:<15}  not built: {why}")
        checks = doc["checks"]
        if "numbering_label_mismatches" in checks:
            lines.append(f"{'':<26}built: Word labels rendered by LibreOffice differ from the .txt on "
                         f"{checks['numbering_label_mismatches']} lines; "
                         f"PDF page numbers {checks.get('pdf_page_numbers')}")
    return "\n".join(lines)


def _summary_rows(summary: dict) -> str:
    lines = [f"{'format':<15}{'read':>6}{'F1 mean/min':>14}{'depth mean/min':>16}{'verbatim min':>14}"
             f"{'length min–max':>16}  goal"]
    for fmt, s in summary.items():
        if "heading_f1" not in s:
            why = s.get("not_read") or "; ".join(s.get("not_built", [])) or "—"
            lines.append(f"{fmt:<15}{s['read']:>3}/{s['documents']:<2}  {why}")
            continue
        lines.append(
            f"{fmt:<15}{s['read']:>3}/{s['documents']:<2}"
            f"{s['heading_f1']['mean']:7.3f}/{s['heading_f1']['min']:.3f}"
            f"{s['depth_accuracy']['mean']:9.3f}/{s['depth_accuracy']['min']:.3f}"
            f"{_pct(s['verbatim_share']['min']):>14}"
            f"{s['length_ratio']['min']:9.3f}–{s['length_ratio']['max']:.3f}"
            f"  {'met' if s['meets_goal'] else 'not met'}"
        )
    return "\n".join(lines)


def format_timings(res: dict) -> str:
    ms = lambda r: f"{r['median_s'] * 1000:.1f} ms" if r and "median_s" in r else "—"  # noqa: E731
    lines = []
    p = res["pdf"]
    if "skipped" in p:
        lines.append(f"30-page PDF: skipped ({p['skipped']})")
    else:
        rs = p["read_source"]
        mine = ms(rs) if rs["read"] else f"not read: {rs['error']}"
        lines.append(f"PDF, {p['pages']} pages, {p['bytes']:,} bytes (median of 5)")
        lines.append(f"  read_source            {mine}")
        lines.append(f"  pdftotext              {ms(p['pdftotext'])}")
        lines.append(f"  pdftotext -layout      {ms(p['pdftotext_layout'])}")
    d = res["docx"]
    rs = d["read_source"]
    mine = ms(rs) if rs["read"] else f"not read: {rs['error']}"
    if rs.get("heading_f1") is not None:
        mine += f"  (heading F1 {rs['heading_f1']:.3f})"
    lines.append(f".docx with {d['headings']} Word-numbered headings (median of 5)")
    lines.append(f"  read_source            {mine}")
    lines.append(f"  python-docx paragraphs {ms(d['python_docx'])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--set",
        choices=(*SETS, "all"),
        default="all",
        dest="which",
        help="dev：读取器据以编写的测试文档；heldout：benchmarks/formats/heldout 中"
        "未用于调试的文档；all：两者",
    )
    args = parser.parse_args(argv)
    sets = documents(args.which)
    if HELDOUT in sets and not sets[HELDOUT]:
        parser.error(f"{HELDOUT_DIR} 中没有 .txt 文档")
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pingan-formats-") as tmp, make.Soffice.session() as soffice:
        folder = Path(tmp)
        res = fidelity(folder / "docs", soffice, sets)
        (folder / "timing").mkdir()
        res["pdf"] = pdf_timing(folder / "timing", soffice)
        res["docx"] = docx_timing(folder / "timing")
    res["documents_measured"] = [str(p.relative_to(ROOT)) for paths in sets.values() for p in paths]
    res["total_runtime_s"] = time.perf_counter() - t0
    print(format_table(res))
    print()
    print(format_timings(res))
    print(f"\ntotal runtime: {res['total_runtime_s']:.1f} s")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
