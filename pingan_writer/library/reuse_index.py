"""The library as a fingerprint index for verbatim-reuse detection (draft/reuse.py)."""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable

from pingan_writer.library.store import Library
from pingan_writer.text.fingerprints import STRIDE, ReuseSource


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
        if key not in self._sources:
            row = self.lib.conn.execute(
                "SELECT title, text FROM sources WHERE id = ?", (int(key),)
            ).fetchone()
            self._sources[key] = ReuseSource(key, row[0], row[1], None)  # paths come from passages
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
