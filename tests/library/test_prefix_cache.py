"""jieba's prefix dictionary: built exactly as jieba builds it, cached in the user's cache
folder in chunks, rebuilt when the cache is bad, and never a reason to fail."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import jieba
import pytest

from pingan_writer.library import prefix_cache

JIEBA_DICT = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)


def small_dict(tmp_path: Path) -> Path:
    path = tmp_path / "dict.txt"
    path.write_text("平安中国 30 n\n平安 120 a\n建设 400 v\n更高水平 5\n\n", encoding="utf-8")
    return path


def test_build_matches_jieba_on_its_own_dictionary():
    ours = prefix_cache.build(JIEBA_DICT)
    with open(JIEBA_DICT, "rb") as f:
        theirs = jieba.Tokenizer.gen_pfdict(f)
    assert ours == theirs


def test_build_adds_prefixes_with_zero(tmp_path):
    freq, total = prefix_cache.build(small_dict(tmp_path))
    assert total == 555
    assert freq["平安中国"] == 30 and freq["平安"] == 120
    assert freq["平安中"] == 0 and freq["更高水"] == 0 and freq["平"] == 0


def test_bad_line_names_the_file(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text("平安 12\n建设\n", encoding="utf-8")
    with pytest.raises(ValueError, match="第 2 行"):
        prefix_cache.build(path)


def test_round_trip_in_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(prefix_cache, "CHUNK", 3)  # several chunks from a small dictionary
    freq, total = prefix_cache.build(small_dict(tmp_path))
    data = prefix_cache.dump(freq, total)
    assert prefix_cache.parse(data) == (freq, total)


@pytest.mark.parametrize("damage", [lambda b: b[:-5], lambda b: b"XXXX" + b[4:], lambda b: b[:20]])
def test_damaged_cache_is_refused(tmp_path, damage):
    freq, total = prefix_cache.build(small_dict(tmp_path))
    with pytest.raises(ValueError):
        prefix_cache.parse(damage(prefix_cache.dump(freq, total)))


def test_load_writes_the_cache_in_the_cache_folder_then_reads_it(tmp_path, monkeypatch):
    monkeypatch.setenv(prefix_cache.CACHE_ENV, str(tmp_path / "cache"))
    source = small_dict(tmp_path)
    first = prefix_cache.load(source)
    cached = prefix_cache.cache_file(source)
    assert cached.parent == tmp_path / "cache" and cached.is_file()

    def no_rebuild(_path):
        raise AssertionError("rebuilt although the cache was sound")

    monkeypatch.setattr(prefix_cache, "build", no_rebuild)
    assert prefix_cache.load(source) == first


def test_corrupt_cache_is_rebuilt_and_replaced(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv(prefix_cache.CACHE_ENV, str(tmp_path / "cache"))
    source = small_dict(tmp_path)
    expected = prefix_cache.load(source)
    cached = prefix_cache.cache_file(source)
    cached.write_bytes(b"garbage")
    assert prefix_cache.load(source) == expected
    assert "无法读取" in caplog.text
    assert prefix_cache.parse(cached.read_bytes()) == expected


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_unwritable_cache_folder_still_loads(tmp_path, monkeypatch, caplog):
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    monkeypatch.setenv(prefix_cache.CACHE_ENV, str(folder))
    assert prefix_cache.load(small_dict(tmp_path))[1] == 555
    assert "无法写入" in caplog.text


def test_failed_cache_write_still_loads(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv(prefix_cache.CACHE_ENV, str(tmp_path / "cache"))

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(prefix_cache, "atomic_write", full_disk)
    assert prefix_cache.load(small_dict(tmp_path))[1] == 555
    assert "无法写入" in caplog.text


def test_changed_dictionary_gets_a_new_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(prefix_cache.CACHE_ENV, str(tmp_path / "cache"))
    source = small_dict(tmp_path)
    prefix_cache.load(source)
    source.write_text("新词 7\n", encoding="utf-8")
    os.utime(source, (1, 1))
    assert prefix_cache.load(source) == ({"新词": 7, "新": 0}, 7)


def test_segmenter_uses_the_cache_folder_not_tmp():
    from pingan_writer.library import segment

    segment.ensure_loaded()
    assert prefix_cache.cache_file(JIEBA_DICT).is_file()
    reference = jieba.Tokenizer()  # jieba's own loading, with the same user terms
    reference.initialize()
    for term in segment.user_terms():
        reference.add_word(term)
    text = (Path(__file__).parents[2] / "seeds" / "建设更高水平的平安中国.txt").read_text(encoding="utf-8")
    assert list(segment.ensure_loaded().cut(text, HMM=False)) == list(reference.cut(text, HMM=False))

