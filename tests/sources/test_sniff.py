"""sniff_format: the bytes decide the format, whatever the file is called; garbage never raises."""

from __future__ import annotations

import codecs
import io
import math
import random
import struct
import zipfile

import pytest

from pingan_writer.sources.sniff import FORMATS, is_encrypted, is_truncated, sniff_format

from .test_convert import PARAGRAPHS, build_docx, made  # noqa: F401 - `made` is a fixture

OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
_NOSTREAM, _ENDOFCHAIN, _FATSECT, _FREESECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def build_ole(tree: dict[str, bytes | dict]) -> bytes:
    """A minimal version-3 compound file: streams (bytes) and storages (dicts) under the root,
    each level chained through right siblings. Stream data sits in ordinary 512-byte sectors."""
    entries: list[dict] = [
        {"name": "Root Entry", "type": 5, "child": _NOSTREAM, "right": _NOSTREAM, "data": b""}
    ]

    def add(parent: int, children: dict) -> None:
        previous = None
        for name, value in children.items():
            index = len(entries)
            is_storage = isinstance(value, dict)
            entries.append(
                {
                    "name": name,
                    "type": 1 if is_storage else 2,
                    "child": _NOSTREAM,
                    "right": _NOSTREAM,
                    "data": b"" if is_storage else value,
                }
            )
            if previous is None:
                entries[parent]["child"] = index
            else:
                entries[previous]["right"] = index
            previous = index
            if is_storage:
                add(index, value)

    add(0, tree)
    n_dir = math.ceil(len(entries) / 4)
    fat = [_FATSECT] + [i + 2 for i in range(n_dir - 1)] + [_ENDOFCHAIN]
    data_sectors = b""
    for entry in entries:
        payload = entry["data"]
        if not payload:
            entry["start"] = _ENDOFCHAIN
            continue
        count = math.ceil(len(payload) / 512)
        entry["start"] = len(fat)
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [_ENDOFCHAIN]
        data_sectors += payload.ljust(count * 512, b"\0")
    assert len(fat) <= 128
    fat_sector = struct.pack("<128I", *(fat + [_FREESECT] * (128 - len(fat))))
    directory = b""
    for entry in entries:
        name = entry["name"].encode("utf-16-le")
        raw = bytearray(128)
        raw[: len(name)] = name
        struct.pack_into("<HBB", raw, 0x40, len(name) + 2, entry["type"], 1)
        struct.pack_into("<III", raw, 0x44, _NOSTREAM, entry["right"], entry["child"])
        struct.pack_into("<IQ", raw, 0x74, entry["start"], len(entry["data"]))
        directory += raw
    empty = bytearray(128)
    struct.pack_into("<III", empty, 0x44, _NOSTREAM, _NOSTREAM, _NOSTREAM)
    directory = directory.ljust(n_dir * 512, b"\0")
    for pos in range(len(entries) * 128, n_dir * 512, 128):
        directory = directory[:pos] + bytes(empty) + directory[pos + 128 :]
    header = (
        OLE_MAGIC
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<9I", 0, 1, 1, 0, 4096, _ENDOFCHAIN, 0, _ENDOFCHAIN, 0)
        + struct.pack("<109I", 0, *([_FREESECT] * 108))
    )
    assert len(header) == 512
    return header + fat_sector + directory + data_sectors


def word_fib(encrypted: bool = False) -> bytes:
    """A WordDocument stream that is just a FIB header (wIdent, nFib, flags), 4 KB long."""
    fib = bytearray(4096)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", fib, 0x0A, 0x1000 | (0x0100 if encrypted else 0))
    return bytes(fib)


def zip_of(members: dict[str, bytes], stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        if stored_first:
            zf.writestr(
                zipfile.ZipInfo(stored_first), members[stored_first], compress_type=zipfile.ZIP_STORED
            )
        for name, content in members.items():
            if name != stored_first:
                zf.writestr(name, content)
    return buffer.getvalue()


ODT = zip_of(
    {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document-content/>"},
    stored_first="mimetype",
)
ODS = zip_of(
    {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"},
    stored_first="mimetype",
)
XLSX = zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
WORD_OLE = build_ole({"WordDocument": word_fib(), "1Table": b"\x01" * 600, "\x05SummaryInformation": b""})


# ---- real documents, renamed ------------------------------------------------------------------


def test_real_documents_are_known_by_their_bytes_whatever_their_name(made):  # noqa: F811
    doc, docx_, odt, rtf, pdf = (made[k].read_bytes() for k in ("doc", "docx", "odt", "rtf", "pdf"))
    assert sniff_format(doc, ".doc") == "doc"
    assert sniff_format(doc, ".docx") == "doc"  # a .doc renamed .docx
    assert sniff_format(doc, ".wps") == "wps"  # what WPS Writer saves as .wps is this format
    assert sniff_format(docx_, ".wps") == "docx"  # a .wps that is really a .docx
    assert sniff_format(odt, ".doc") == "odt"
    assert sniff_format(rtf, ".doc") == "rtf"  # Word's "save as .doc" of an RTF
    assert sniff_format(pdf, ".txt") == "pdf"  # a .pdf named .txt
    assert not is_encrypted(doc)
    assert not is_truncated(doc)


def test_cut_real_documents_never_raise_and_cut_docs_are_truncated(made):  # noqa: F811
    for fmt in ("doc", "docx", "odt", "rtf", "pdf"):
        data = made[fmt].read_bytes()
        for n in sorted(
            {0, 1, 7, 8, 100, 511, 512, 513, 1500, len(data) // 3, len(data) // 2, len(data) - 1}
        ):
            assert sniff_format(data[:n], f".{fmt}") in FORMATS
    doc = made["doc"].read_bytes()
    assert all(is_truncated(doc[:n]) for n in (600, 2048, len(doc) // 2, len(doc) - 512))
    # Cut before its directory, nothing inside says what it is: the name is trusted, so the
    # converter can report the damage.
    assert sniff_format(doc[: len(doc) // 2], ".doc") == "doc"
    assert sniff_format(doc[: len(doc) // 2], ".wps") == "wps"
    assert sniff_format(doc[: len(doc) // 2], ".xls") == "ole"
    docx_ = made["docx"].read_bytes()
    assert sniff_format(docx_[: len(docx_) - 200], ".docx") == "docx"  # central directory gone


def test_python_docx_output_is_docx_under_any_name(tmp_path):
    data = build_docx(tmp_path / "a.docx", PARAGRAPHS).read_bytes()
    for suffix in (".docx", ".wps", ".doc", ".txt", ""):
        assert sniff_format(data, suffix) == "docx"


# ---- compound (OLE) files --------------------------------------------------------------------


def test_word_compound_files_are_doc_or_wps_by_suffix():
    assert sniff_format(WORD_OLE, ".doc") == "doc"
    assert sniff_format(WORD_OLE, ".DOC") == "doc"
    assert sniff_format(WORD_OLE, ".docx") == "doc"
    assert sniff_format(WORD_OLE, ".WPS") == "wps"
    assert sniff_format(WORD_OLE, "") == "doc"


def test_other_compound_files_are_ole():
    xls = build_ole({"Workbook": b"\x09\x08" * 400, "\x05SummaryInformation": b""})
    assert sniff_format(xls, ".doc") == "ole"
    # A Word document embedded in a spreadsheet is not a Word document.
    embedded = build_ole({"Workbook": b"\x09" * 600, "MBD0001": {"WordDocument": word_fib()}})
    assert sniff_format(embedded, ".doc") == "ole"


def test_microsoft_works_wps_is_wps_only_under_its_own_name():
    works = build_ole({"CONTENTS": b"x" * 700, "MatOST": b"y" * 600})
    assert sniff_format(works, ".wps") == "wps"
    assert sniff_format(works, ".doc") == "ole"


def test_encrypted_documents_are_recognised():
    assert is_encrypted(build_ole({"WordDocument": word_fib(encrypted=True)}))
    assert not is_encrypted(WORD_OLE)
    # A password-protected .docx is a compound file holding the encrypted package.
    protected = build_ole({"EncryptionInfo": b"\x04" * 600, "EncryptedPackage": b"\x00" * 600})
    assert sniff_format(protected, ".docx") == "ole"
    assert is_encrypted(protected)
    assert not is_encrypted(b"")
    assert not is_encrypted(OLE_MAGIC + b"\xff" * 600)


def test_a_word_file_with_a_broken_allocation_table_is_still_found():
    broken = bytearray(WORD_OLE)
    struct.pack_into("<I", broken, 0x4C, 0xFFFFFFF0)  # the only FAT sector points nowhere
    assert sniff_format(bytes(broken), ".doc") == "doc"
    struct.pack_into("<H", broken, 0x1E, 3)  # and an impossible sector size
    assert sniff_format(bytes(broken), ".wps") == "wps"


def test_truncation_is_told_from_a_whole_compound_file():
    assert not is_truncated(WORD_OLE)
    assert is_truncated(WORD_OLE[:1024])
    assert is_truncated(WORD_OLE[:600])
    assert not is_truncated(b"not ole at all" * 100)


# ---- zip packages -----------------------------------------------------------------------------


def test_zip_packages():
    assert sniff_format(ODT, ".odt") == "odt"
    assert sniff_format(ODT, ".doc") == "odt"
    assert sniff_format(ODS, ".odt") == "zip"
    assert sniff_format(XLSX, ".docx") == "zip"
    assert sniff_format(zip_of({"word/document.xml": b"<w/>"}), ".docx") == "zip"  # no [Content_Types].xml
    assert sniff_format(ODT[:100], ".odt") == "odt"  # only the first member survived


# ---- PDF, RTF, web pages, text ------------------------------------------------------------------


def test_pdf_with_a_little_leading_junk_but_not_a_lot():
    assert sniff_format(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", ".txt") == "pdf"
    assert sniff_format(b"\r\n\x00\x00junk" + b"%PDF-1.4\n", ".pdf") == "pdf"
    assert sniff_format(b"x" * 2000 + b"%PDF-1.4\n", ".txt") == "txt"


def test_rtf_after_a_bom_or_whitespace():
    assert sniff_format(b"{\\rtf1\\ansi\\ansicpg936 hello}", ".doc") == "rtf"
    assert sniff_format(codecs.BOM_UTF8 + b"\r\n  {\\rtf1 x}", ".txt") == "rtf"


@pytest.mark.parametrize(
    "page",
    [
        b"<!DOCTYPE html>\n<html><body>x</body></html>",
        b"  \r\n<HTML>\n<HEAD><TITLE>x</TITLE>",
        codecs.BOM_UTF8 + b"<!doctype html><html lang='zh'>",
        b"<!-- saved from url=(0041)http://www.gov.cn/zhengce/content/1.htm -->\r\n<html>",
        b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">',
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><body>通知</body>'.encode("gbk"),
        codecs.BOM_UTF16_LE + "<html><body>通知</body></html>".encode("utf-16-le"),
        "<html><body>通知</body></html>".encode("utf-16-le"),
    ],
)
def test_web_pages(page):
    assert sniff_format(page, ".txt") == "html"


def test_mhtml_saved_pages():
    chrome = (
        b"From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.people.com.cn/\r\n"
        b"Subject: =?utf-8?Q?x?=\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
        b'\ttype="text/html";\r\n\tboundary="----MultipartBoundary--abc----"\r\n\r\n'
        b"------MultipartBoundary--abc----\r\nContent-Type: text/html\r\n\r\n<html></html>"
    )
    assert sniff_format(chrome, ".mht") == "mhtml"
    assert sniff_format(chrome, ".html") == "mhtml"
    email = b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nmultipart/related is mentioned here"
    assert sniff_format(email, ".txt") == "txt"


def test_text_by_suffix_and_markup_only_at_the_start():
    assert sniff_format("一、总体要求\n坚持党的领导。".encode(), ".txt") == "txt"
    assert sniff_format("# 标题\n正文".encode(), ".md") == "md"
    assert sniff_format("# 标题\n正文".encode(), ".MARKDOWN") == "md"
    assert sniff_format("一、总体要求".encode("gbk"), ".txt") == "txt"
    assert sniff_format("一、总体要求\r\n".encode("utf-16-le"), ".txt") == "txt"
    assert sniff_format("讲到 <html> 标签的文章".encode(), ".txt") == "txt"
    assert sniff_format("<p>只有片段</p>".encode(), ".htm") == "html"
    assert sniff_format(b"", ".txt") == "txt"


# ---- garbage -------------------------------------------------------------------------------------


def test_garbage_is_binary_and_never_raises():
    rng = random.Random(20250101)
    for _ in range(300):
        blob = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000)))
        for prefix in (b"", OLE_MAGIC, b"PK\x03\x04", b"PK\x05\x06"):
            assert sniff_format(prefix + blob, ".doc") in FORMATS
            assert is_encrypted(prefix + blob) in (True, False)
            assert is_truncated(prefix + blob) in (True, False)
    assert sniff_format(bytes(range(256)) * 8, ".txt") == "binary"
    assert sniff_format(b"\x7fELF\x02\x01\x01" + bytes(500), ".doc") == "binary"
    assert sniff_format(OLE_MAGIC, ".xls") == "ole"
    assert sniff_format(OLE_MAGIC, ".doc") == "doc"  # damaged, named .doc: the converter says so
    assert is_truncated(OLE_MAGIC + bytes(600))


def test_compound_files_with_hostile_links_never_loop():
    # Every FAT link points to itself and the DIFAT chain loops: the readers must stop.
    hostile = bytearray(WORD_OLE)
    struct.pack_into("<128I", hostile, 512, *([1] * 128))
    struct.pack_into("<II", hostile, 0x44, 0, 5)
    assert sniff_format(bytes(hostile), ".doc") in FORMATS
    assert is_truncated(bytes(hostile)) in (True, False)
    assert is_encrypted(bytes(hostile)) in (True, False)


def test_read_source_asks_for_the_password_free_file(tmp_path):
    from pingan_writer.errors import SourceError
    from pingan_writer.sources import read_source

    protected = build_ole({"EncryptionInfo": b"\x04" * 600, "EncryptedPackage": b"\x00" * 600})
    for name in ("机密.docx", "机密.doc"):
        path = tmp_path / name
        path.write_bytes(protected if name.endswith("x") else build_ole({"WordDocument": word_fib(True)}))
        with pytest.raises(SourceError, match="密码") as info:
            read_source(path)
        assert name in str(info.value)
