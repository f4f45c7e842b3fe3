"""The command line starts light: importing it and building its parser loads neither Qt nor
python-docx nor jieba, and a plain `outline` run never loads Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SOURCE_SAMPLE

HEAVY = ("PySide6", "docx", "jieba")


def loaded_after(code: str) -> set[str]:
    """Top-level packages in sys.modules after running `code` in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_probe_sees_a_heavy_import():
    assert "docx" in loaded_after("import docx")  # so the tests below can fail


def test_importing_the_cli_and_building_its_parser_loads_no_heavy_package():
    loaded = loaded_after("import pingan_writer.cli as cli\nparser = cli.build_parser()")
    assert "pingan_writer" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def imported_by_command(launcher: list[str], *args: str) -> set[str]:
    """Every module a command line run imports, from `python -X importtime` (one stderr line per
    import), with its JSON output checked so a failed run cannot pass for a light one."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *launcher, *args], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["nodes"]
    lines = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    return {line.rsplit("|", 1)[1].strip() for line in lines[1:]}  # the first is the header


@pytest.mark.parametrize("launcher", [["-m", "pingan_writer"], ["pingan-writer"]])
def test_outline_from_the_command_line_loads_no_qt(launcher):
    if launcher == ["pingan-writer"]:
        launcher = [str(Path(sys.executable).parent / "pingan-writer")]  # the installed script
    modules = imported_by_command(launcher, "outline", str(SOURCE_SAMPLE), "--json")
    assert "pingan_writer.sources" in modules  # the probe sees what the command imports
    assert not {m for m in modules if m.split(".")[0] in ("PySide6", "shiboken6")}
