"""Import files and folders into the library, one transaction per source, with progress.

Reading and segmenting happen before the write transaction opens; a source whose content is
already in the library is recognised by its hash and not segmented again."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pingan_writer.errors import PinganError
from pingan_writer.library.prepare import CancelFn, ImportCancelled, prepare_source
from pingan_writer.library.records import AddResult
from pingan_writer.library.store import Library
from pingan_writer.sources import SUPPORTED_SUFFIXES, read_source
from pingan_writer.sources.model import Source


@dataclass(frozen=True, slots=True)
class ImportProgress:
    index: int  # 0-based position of the current file
    total: int
    path: Path
    fraction: float  # of the whole import, 0.0 … 1.0


@dataclass(slots=True)
class ImportReport:
    results: list[tuple[Path, AddResult]] = field(default_factory=list)
    failures: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False


ProgressCallback = Callable[[ImportProgress], None]


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and the supported files inside folders (recursively, sorted)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file()
                    and f.suffix.lower() in SUPPORTED_SUFFIXES
                    and not f.name.startswith(("~$", "."))
                )
            )
        else:
            out.append(p)
    return out


def import_paths(
    lib: Library,
    paths: Iterable[str | Path],
    progress: ProgressCallback | None = None,
    cancelled: CancelFn | None = None,
) -> ImportReport:
    files = expand_paths(paths)
    report = ImportReport()
    total = len(files)
    for i, path in enumerate(files):

        def report_fraction(f: float, i: int = i, path: Path = path) -> None:
            if progress is not None:
                progress(ImportProgress(i, total, path, (i + f) / max(1, total)))

        report_fraction(0.0)
        try:
            if cancelled is not None and cancelled():
                raise ImportCancelled
            report.results.append((path, import_file(lib, path, report_fraction, cancelled)))
        except ImportCancelled:
            report.cancelled = True
            break
        except PinganError as exc:
            report.failures.append((path, exc.reason))
    if progress is not None and not report.cancelled:
        progress(ImportProgress(total, total, files[-1] if files else Path(), 1.0))
    return report


def import_file(
    lib: Library,
    path: Path,
    progress: Callable[[float], None] | None = None,
    cancelled: CancelFn | None = None,
) -> AddResult:
    return import_source(lib, read_source(path), progress, cancelled)


def import_source(
    lib: Library,
    source: Source,
    progress: Callable[[float], None] | None = None,
    cancelled: CancelFn | None = None,
) -> AddResult:
    """Add a source already read (a file, or text from the clipboard); the same content again
    changes nothing."""
    known = lib.find_content(source.content_hash)
    if known is not None:
        return AddResult("unchanged", *known, notes=list(source.notes))
    result = lib.add_source(prepare_source(source, progress, cancelled))
    return dataclasses.replace(result, notes=list(source.notes))
