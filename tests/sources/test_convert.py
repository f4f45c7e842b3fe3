""".doc/.wps/.odt/.rtf through LibreOffice: real round trips when soffice is installed, and a
fake soffice on PATH for the failures (missing, hanging, failing, concurrent use)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
from pathlib import Path

import docx
import pytest

from pingan_writer.errors import SourceError
from pingan_writer.sources import convert
from pingan_writer.sources.convert import INSTALL_MESSAGE, convert_to_docx, find_soffice

PARAGRAPHS = [
    "关于加强基层治理体系和治理能力现代化建设的意见",
    "一、总体要求",
    "坚持以人民为中心，2025年基本建成“一站式”矛盾纠纷调解中心，覆盖率达到100%。",
    "（一）健全体制机制。落实领导责任；强化制度保障——做到“三个不发生”。",
    'Mixed Latin text, ASCII quotes "like this" and an e-mail: office@example.gov.cn',
    "二是加强队伍建设。第3页 共12页 这类文字若在正文中，也要原样保留。",
]
SOFFICE = find_soffice()
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed; scripts/setup test installs it"
)


def build_docx(path: Path, paragraphs: list[str] = PARAGRAPHS) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)
    return path


def soffice_export(source: Path, target: str, outdir: Path, profile: Path) -> Path:
    """Convert with the real soffice (as a user's Word/LibreOffice would have saved the file)."""
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=300,
        check=True,
    )
    produced = outdir / f"{source.stem}.{target.split(':')[0]}"
    assert produced.is_file(), f"soffice did not make {produced.name}"
    return produced


def paragraphs_of(docx_bytes: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(docx_bytes)).paragraphs if p.text]


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """The test report as .docx, and as .doc/.odt/.rtf/.pdf written by LibreOffice."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed; scripts/setup test installs it")
    folder = tmp_path_factory.mktemp("made")
    profile = tmp_path_factory.mktemp("profile")
    source = build_docx(folder / "report.docx")
    files = {"docx": source}
    for fmt, target in (("doc", "doc:MS Word 97"), ("odt", "odt"), ("rtf", "rtf"), ("pdf", "pdf")):
        files[fmt] = soffice_export(source, target, folder, profile)
    return files


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """tempfile's folder for the code under test, so leftovers can be seen (and never pile up)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


# ---- real LibreOffice -----------------------------------------------------------------------


@needs_soffice
@pytest.mark.parametrize(
    ("fmt", "suffix"), [("doc", ".doc"), ("odt", ".odt"), ("rtf", ".rtf"), ("wps", ".wps")]
)
def test_converted_documents_keep_every_paragraph_verbatim(made, fmt, suffix, private_tmp):
    # A .wps from WPS Writer is a Word 97 document: the .doc LibreOffice wrote stands in for it.
    data = made["doc" if fmt == "wps" else fmt].read_bytes()
    out = convert_to_docx(data, f"/报告/原文{suffix}", fmt)
    assert out.startswith(b"PK")
    assert paragraphs_of(out) == PARAGRAPHS
    leftovers = [p.name for p in private_tmp.iterdir() if not p.name.startswith("pingan-writer-lo-")]
    assert leftovers == []


@needs_soffice
def test_the_profile_is_reused_between_conversions(made, private_tmp):
    data = made["odt"].read_bytes()
    convert_to_docx(data, "a.odt", "odt")
    profiles = sorted(p.name for p in next(private_tmp.glob("pingan-writer-lo-*")).iterdir() if p.is_dir())
    convert_to_docx(data, "a.odt", "odt")
    assert profiles == ["slot-0"]
    assert sorted(p.name for p in next(private_tmp.glob("pingan-writer-lo-*")).iterdir() if p.is_dir()) == [
        "slot-0"
    ]


@needs_soffice
def test_an_encrypted_doc_is_refused_with_the_password_message(made, private_tmp):
    from pingan_writer.sources.sniff import _ole_entries, _root_children, _stream_head

    data = bytearray(made["doc"].read_bytes())
    entries = _ole_entries(bytes(data))
    assert entries is not None
    word = next(entries[i] for i in _root_children(entries) if entries[i].name == "WordDocument")
    head = _stream_head(bytes(data), entries, word)
    at = bytes(data).find(head)  # the FIB's place in the file
    data[at + 0x0B] |= 0x01  # fEncrypted is bit 8 of the flags word at FIB offset 0x0A
    with pytest.raises(SourceError, match="密码"):
        convert_to_docx(bytes(data), "加密.doc", "doc")


@needs_soffice
def test_a_truncated_doc_is_refused_not_half_read(made, private_tmp):
    data = made["doc"].read_bytes()
    with pytest.raises(SourceError, match="不完整"):
        convert_to_docx(data[: len(data) // 2], "半截.doc", "doc")


@needs_soffice
def test_a_doc_libreoffice_cannot_load_gets_its_reason_and_the_password_hint(private_tmp):
    from .test_sniff import build_ole

    # A sound compound file whose WordDocument stream is junk: LibreOffice refuses to load it.
    data = build_ole({"WordDocument": b"\xff" * 5000, "1Table": b"\x01" * 600})
    with pytest.raises(SourceError) as caught:
        convert_to_docx(data, "坏文件.doc", "doc")
    assert "坏文件.doc" in str(caught.value)
    assert "source file could not be loaded" in caught.value.reason
    assert "文档可能设有密码" in caught.value.reason
    assert [p.name for p in private_tmp.iterdir()] == [f"pingan-writer-lo-{os.getuid()}"]


@needs_soffice
def test_a_doc_cut_before_its_directory_is_refused_as_damaged(private_tmp):
    data = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504 + b"garbage" * 200
    with pytest.raises(SourceError, match="不完整或已损坏"):
        convert_to_docx(data, "坏文件.doc", "doc")


# ---- LibreOffice missing ----------------------------------------------------------------------


def test_without_libreoffice_the_message_says_what_to_install(monkeypatch, private_tmp):
    monkeypatch.setattr(convert, "find_soffice", lambda: None)
    with pytest.raises(SourceError) as caught:
        convert_to_docx(b"{\\rtf1 hello}", "/docs/通知.rtf", "rtf")
    assert caught.value.reason == INSTALL_MESSAGE
    assert "sudo apt-get install -y libreoffice-writer" in caught.value.reason
    assert "通知.rtf" in str(caught.value)
    assert list(private_tmp.iterdir()) == []


def test_find_soffice_prefers_path(monkeypatch, tmp_path):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    fake = bindir / ("soffice.exe" if sys.platform == "win32" else "soffice")
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bindir))
    assert find_soffice() == str(fake)


def test_unknown_format_is_a_programming_error():
    with pytest.raises(ValueError):
        convert_to_docx(b"x", "a.pdf", "pdf")


# ---- a fake soffice on PATH -------------------------------------------------------------------

_PRELUDE = """\
import json, os, pathlib, subprocess, sys, time
args = sys.argv[1:]
log = pathlib.Path(os.environ["FAKE_SOFFICE_LOG"])
with log.open("a") as f:
    f.write(json.dumps({
        "pid": os.getpid(),
        "own_group": os.getpgid(0) == os.getpid(),
        "stdin": sys.stdin.read(),
        "args": args,
    }) + "\\n")
outdir = pathlib.Path(args[args.index("--outdir") + 1])
source = pathlib.Path(args[-1])
"""


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch):
    """Install a fake soffice (Python) whose behaviour follows the prelude; returns its log reader."""
    if sys.platform == "win32":
        pytest.skip("the fake soffice is a POSIX script")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    log = tmp_path / "soffice.log"
    monkeypatch.setenv("PATH", str(bindir))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))

    def install(body: str):
        script = bindir / "soffice"
        script.write_text(f"#!{sys.executable}\n{_PRELUDE}{textwrap.dedent(body)}")
        script.chmod(0o755)

        def calls() -> list[dict]:
            return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []

        return calls

    return install


def _alive(pid: int) -> bool:
    """Running (not gone, not a zombie waiting for a parent that never reaps in a container)."""
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False


def test_the_command_line_a_private_profile_and_a_closed_stdin(fake_soffice, private_tmp, tmp_path):
    result = build_docx(tmp_path / "result.docx", ["转换结果"])
    calls = fake_soffice(
        f"""
        import shutil
        assert source.read_bytes() == b"{{\\\\rtf1 x}}"
        shutil.copy({str(result)!r}, outdir / (source.stem + ".docx"))
        """
    )
    out = convert_to_docx(b"{\\rtf1 x}", "a.rtf", "rtf")
    assert paragraphs_of(out) == ["转换结果"]
    (call,) = calls()
    args = call["args"]
    assert args[:3] == ["--headless", "--norestore", "--nolockcheck"]
    assert args[args.index("--convert-to") + 1] == "docx:MS Word 2007 XML"
    profile = next(a for a in args if a.startswith("-env:UserInstallation="))
    base = private_tmp / f"pingan-writer-lo-{os.getuid()}"
    assert profile == f"-env:UserInstallation={(base / 'slot-0').as_uri()}"
    assert call["stdin"] == ""
    assert call["own_group"] is True
    assert [p.name for p in private_tmp.iterdir()] == [base.name]


def test_a_hang_is_killed_at_the_limit_with_everything_it_started(fake_soffice, private_tmp, tmp_path):
    pids = tmp_path / "pids"
    calls = fake_soffice(
        f"""
        from urllib.parse import unquote, urlparse
        profile = next(a for a in args if a.startswith("-env:UserInstallation="))
        profile = pathlib.Path(unquote(urlparse(profile.split("=", 1)[1]).path))
        (profile / "user").mkdir(parents=True)  # as soffice starts writing its profile
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
        pathlib.Path({str(pids)!r}).write_text(f"{{os.getpid()}} {{child.pid}}")
        time.sleep(120)
        """
    )
    with pytest.raises(SourceError) as caught:
        convert_to_docx(b"\xd0\xcf\x11\xe0", "挂起.odt", "odt", timeout=2)
    assert caught.value.reason == "转换超时（2 秒），文件可能已损坏"
    assert len(calls()) == 1
    started = [int(p) for p in pids.read_text().split()]
    assert len(started) == 2
    if Path("/proc").is_dir():
        import time

        deadline = time.monotonic() + 10  # SIGKILL is delivered asynchronously
        while any(_alive(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(pid) for pid in started)
    base = private_tmp / f"pingan-writer-lo-{os.getuid()}"
    assert [p.name for p in private_tmp.iterdir()] == [base.name]
    assert not (base / "slot-0").exists()  # a profile whose soffice was killed is not reused


def test_a_failed_conversion_reports_libreoffice_s_reason(fake_soffice, private_tmp):
    fake_soffice(
        """
        print("convert /tmp/x.doc -> /tmp/out/x.docx using filter : MS Word 2007 XML")
        print("Error: source file could not be loaded", file=sys.stderr)
        """
    )
    with pytest.raises(SourceError) as caught:
        convert_to_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧文件.doc", "doc")
    assert "Error: source file could not be loaded" in caught.value.reason
    assert "文档可能设有密码" in caught.value.reason
    assert [p.name for p in private_tmp.iterdir()] == [f"pingan-writer-lo-{os.getuid()}"]


def test_an_encrypted_doc_never_reaches_libreoffice(fake_soffice, private_tmp):
    from .test_sniff import build_ole, word_fib

    calls = fake_soffice("raise SystemExit(1)")
    data = build_ole({"WordDocument": word_fib(encrypted=True)})
    with pytest.raises(SourceError, match="设有密码"):
        convert_to_docx(data, "加密.wps", "wps")
    assert calls() == []


def test_two_conversions_at_once_use_two_profiles(fake_soffice, private_tmp, tmp_path):
    result = build_docx(tmp_path / "result.docx", ["并发"])
    meet = tmp_path / "meet"
    meet.mkdir()
    calls = fake_soffice(
        f"""
        import shutil
        meet = pathlib.Path({str(meet)!r})
        (meet / str(os.getpid())).touch()
        deadline = time.monotonic() + 20
        while len(list(meet.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)  # both conversions are running now
        shutil.copy({str(result)!r}, outdir / (source.stem + ".docx"))
        """
    )
    outputs: list[bytes] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            outputs.append(convert_to_docx(b"{\\rtf1 x}", "a.rtf", "rtf", timeout=30))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [paragraphs_of(o) for o in outputs] == [["并发"], ["并发"]]
    profiles = {next(a for a in c["args"] if a.startswith("-env:")) for c in calls()}
    assert len(profiles) == 2
    assert len(list(meet.iterdir())) == 2


def test_sequential_conversions_reuse_one_profile(fake_soffice, private_tmp, tmp_path):
    result = build_docx(tmp_path / "result.docx", ["复用"])
    calls = fake_soffice(
        f"""
        import shutil
        shutil.copy({str(result)!r}, outdir / (source.stem + ".docx"))
        """
    )
    for _ in range(3):
        convert_to_docx(b"{\\rtf1 x}", "a.rtf", "rtf")
    assert len({next(a for a in c["args"] if a.startswith("-env:")) for c in calls()}) == 1


def test_leftover_files_are_removed_even_on_failure(fake_soffice, private_tmp):
    fake_soffice("raise SystemExit(3)")
    with pytest.raises(SourceError):
        convert_to_docx(b"PK\x03\x04", "a.odt", "odt")
    assert [p.name for p in private_tmp.iterdir()] == [f"pingan-writer-lo-{os.getuid()}"]
    assert shutil.which("soffice") is not None  # the fake was the one that ran
