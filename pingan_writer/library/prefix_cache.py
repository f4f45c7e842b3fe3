"""jieba's prefix dictionary, cached in the user's cache folder and loaded in small pieces.

jieba's own cache is one marshal blob of about 350,000 entries in the system's temporary
folder. Loading it is one C call that holds the GIL for 150–200 ms, so while a worker thread
loads it the app's window freezes, and beside a packaged program it may not be writable at all.
This cache is the same dictionary cut into chunks of CHUNK entries, each its own marshal blob:
between chunks other threads run, so no pause is longer than a few milliseconds. The file lives
in the platform's user cache folder ($PINGAN_WRITER_CACHE overrides it) and is named after the
dictionary file's size and time, so a changed dictionary is never read through a stale cache."""

from __future__ import annotations

import itertools
import logging
import marshal
import os
from pathlib import Path

import platformdirs

from pingan_writer.atomic import atomic_write

log = logging.getLogger(__name__)

CACHE_ENV = "PINGAN_WRITER_CACHE"
CHUNK = 8192
MAGIC = b"PWPFX1\n"  # format version: a different layout gets a different magic


def cache_dir() -> Path:
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path(platformdirs.user_cache_dir("pingan-writer", appauthor=False))


def cache_file(dictionary: Path, folder: Path | None = None) -> Path:
    st = dictionary.stat()
    return (folder or cache_dir()) / f"jieba-prefix-{st.st_size}-{int(st.st_mtime)}.bin"


def build(dictionary: Path) -> tuple[dict[str, int], int]:
    """The prefix dictionary from jieba's dict.txt format: each word with its frequency, and
    every prefix of a word not itself a word with 0 (what jieba's gen_pfdict computes). A Python
    loop, so other threads keep running while it works."""
    freq: dict[str, int] = {}
    total = 0
    # Read whole, then split: iterating the open file line by line measured 200 ms pauses in
    # other threads here, the split list none.
    for lineno, raw in enumerate(dictionary.read_bytes().split(b"\n"), 1):
        line = raw.strip().decode("utf-8")
        if not line:
            continue
        parts = line.split(" ")
        try:
            word, count = parts[0], int(parts[1])
        except (IndexError, ValueError) as exc:
            raise ValueError(f"{dictionary} 第 {lineno} 行不是“词 频次”格式：{line!r}") from exc
        freq[word] = count
        total += count
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)
    return freq, total


def dump(freq: dict[str, int], total: int) -> bytes:
    items = iter(freq.items())  # chunk by chunk: one list of every item is a 40 ms C call
    chunks = []
    while chunk := dict(itertools.islice(items, CHUNK)):
        chunks.append(marshal.dumps(chunk))
    header = marshal.dumps((total, [len(c) for c in chunks]))
    return MAGIC + len(header).to_bytes(4, "little") + header + b"".join(chunks)


def parse(data: bytes) -> tuple[dict[str, int], int]:
    """The dictionary back from dump()'s bytes, one chunk at a time; ValueError if the bytes
    are not such a cache (truncated, another version, garbage)."""
    if not data.startswith(MAGIC):
        raise ValueError("not a prefix cache of this version")
    pos = len(MAGIC)
    size = int.from_bytes(data[pos : pos + 4], "little")
    pos += 4
    try:
        total, lengths = marshal.loads(data[pos : pos + size])
        pos += size
        if pos + sum(lengths) != len(data):
            raise ValueError("truncated prefix cache")
        freq: dict[str, int] = {}
        for length in lengths:
            freq.update(marshal.loads(data[pos : pos + length]))
            pos += length
    except (EOFError, TypeError) as exc:
        raise ValueError(f"corrupt prefix cache: {exc}") from exc
    return freq, int(total)


def load(dictionary: Path, folder: Path | None = None) -> tuple[dict[str, int], int]:
    """The prefix dictionary of `dictionary`, from the cache when it is there and sound, else
    built and cached. A cache that cannot be written (read-only or full disk) is logged and the
    dictionary is used all the same."""
    path = cache_file(dictionary, folder)
    try:
        return parse(path.read_bytes())
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:
        log.warning("jieba 词典缓存 %s 无法读取（%s），重新生成", path, exc)
    freq, total = build(dictionary)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, dump(freq, total), keep_backup=False)
    except Exception as exc:
        log.warning("无法写入 jieba 词典缓存 %s：%s", path, exc)
    return freq, total
