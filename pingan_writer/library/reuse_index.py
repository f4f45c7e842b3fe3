"""The library as a fingerprint index for verbatim-reuse detection (draft/reuse.py)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

from pingan_writer.library.store import Library
from pingan_writer.text.fingerprints import STRIDE, ReuseSource
from pingan_writer.text.outline_codec import outline_from_data


class LibraryIndex:
    """Looks fingerprints up in the library's table; loads a source only when a hit needs it."""

    stride = STRIDE

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self._sources: dict = {}

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
                "SELECT title, text, outline, path FROM sources WHERE id = ?", (int(key),)
            ).fetchone()
            self._sources[key] = ReuseSource(key, row[0], row[1], outline_from_data(json.loads(row[2])))
        return self._sources[key]
