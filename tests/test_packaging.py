"""Every package folder is listed in pyproject.toml, and resources load from the package."""

from __future__ import annotations

import importlib.resources
import tomllib

from .conftest import ROOT


def test_every_package_folder_is_listed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "pingan_writer").rglob("__init__.py")
    }
    assert found <= listed
    assert config["package-dir"]["pingan_writer.resources"] == "resources"


def test_resources_load_through_importlib():
    files = importlib.resources.files("pingan_writer.resources")
    assert "平安中国" in (files / "dict" / "official_terms.txt").read_text(encoding="utf-8")
    assert "进一步" in (files / "keywords" / "stopwords.txt").read_text(encoding="utf-8")
