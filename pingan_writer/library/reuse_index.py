"""The library as a fingerprint index for verbatim-reuse detection (draft/reuse.py)."""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable

from pingan_writer.library.store import Library
from pingan_writer.text.fingerprints import STRIDE, ReuseSource
from pingan_writer.text.verbatim import from_stored


class LibraryIndex:
    """Looks fingerprints up in the library's table; loads a source only when a hit needs it."""

    stride = STRIDE

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self._sources: dict[str, ReuseSource] = {}
        self._paths: dict[str, tuple[list[int], list[str]]] = {}

    def lookup(self, hashes: Iterable[int]) -> dict[int, list[tuple[str, int]]]:
        found: dict[int, list[tuple[str, int]]] = defaultdict(list)
        wanted = json.dumps(list(hashes))
        rows = self.lib.conn.execute(
            "SELECT f.hash, f.source_id, f.pos FROM fingerprints f "
            "WHERE f.hash IN (SELECT value FROM json_each(?))",
            (wanted,),
        )
        for h, source_id, pos in rows:
            found[h].append((str(source_id), pos))
        return found

    def source(self, key: str) -> ReuseSource:
        """Read with its stored normalised text: nothing is normalised at query time."""
        if key not in self._sources:
            row = self.lib.conn.execute(
                "SELECT s.title, s.text, n.norm, n.run_at, n.removed FROM sources s"
                " JOIN source_norm n ON n.source_id = s.id WHERE s.id = ?",
                (int(key),),
            ).fetchone()
            title, text, norm, run_at, removed = row
            src = ReuseSource(key, title, text, None)  # node paths come from passages
            src._norm = from_stored(text, norm, run_at, removed)
            self._sources[key] = src
        return self._sources[key]

    def node_path(self, key: str, offset: int) -> list[str]:
        """From the passages table (one query per source, then bisection): no outline to parse."""
        if key not in self._paths:
            rows = self.lib.conn.execute(
                "SELECT start, path FROM passages WHERE source_id = ? ORDER BY start", (int(key),)
            ).fetchall()
            self._paths[key] = ([r[0] for r in rows], [r[1] for r in rows])
        starts, paths = self._paths[key]
        i = bisect_right(starts, offset) - 1
        return json.loads(paths[i]) if i >= 0 else []
