"""Shared fixtures: the bundled samples, and a folder for files a test writes."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SOURCE_SAMPLE = SEEDS / "建设更高水平的平安中国.txt"
TALK_SAMPLE = SEEDS / "学习体会发言-建设更高水平的平安中国.txt"


@pytest.fixture
def source_text() -> str:
    return SOURCE_SAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def talk_text() -> str:
    return TALK_SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """The app's cache folder (jieba's prefix dictionary) in the test run's temporary folder,
    not in the home folder of whoever runs the tests."""
    import os

    old = os.environ.get("PINGAN_WRITER_CACHE")
    os.environ["PINGAN_WRITER_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("PINGAN_WRITER_CACHE", None)
    else:
        os.environ["PINGAN_WRITER_CACHE"] = old
