"""Every package folder is listed in pyproject.toml, every resource file is shipped, and
resources load from the package."""

from __future__ import annotations

import fnmatch
import importlib.resources
import tomllib

from .conftest import ROOT


def setuptools_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_folder_is_listed():
    config = setuptools_config()
    listed = set(config["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "pingan_writer").rglob("__init__.py")
    }
    assert found <= listed
    assert config["package-dir"]["pingan_writer.resources"] == "resources"


def test_every_resource_folder_is_a_listed_package_whose_files_are_shipped():
    """A data folder missing from `packages` makes setuptools warn at every build (and a future
    setuptools drop it); a file no package-data pattern matches is not installed."""
    config = setuptools_config()
    listed, data = set(config["packages"]), config["package-data"]
    for top, package in (("resources", "pingan_writer.resources"), ("seeds", "pingan_writer.seeds")):
        for path in (ROOT / top).rglob("*"):
            if "__pycache__" in path.parts or path.name == "__init__.py":
                continue
            rel = path.relative_to(ROOT / top)
            if path.is_dir():
                assert ".".join((package, *rel.parts)) in listed, f"{top}/{rel} is not listed"
                continue
            owner = ".".join((package, *rel.parent.parts))
            patterns = data.get(owner, [])
            assert any(fnmatch.fnmatch(path.name, pat) for pat in patterns), f"{top}/{rel} is not shipped"


def test_resources_load_through_importlib():
    files = importlib.resources.files("pingan_writer.resources")
    assert "平安中国" in (files / "dict" / "official_terms.txt").read_text(encoding="utf-8")
    assert "进一步" in (files / "keywords" / "stopwords.txt").read_text(encoding="utf-8")
    templates = {p.name for p in (files / "templates").iterdir()}
    assert {"study-talk.toml", "sections"} <= templates
    assert "opening.toml" in {p.name for p in (files / "templates" / "sections").iterdir()}
