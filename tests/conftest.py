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
