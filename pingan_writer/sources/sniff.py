"""Tell a file's real format from its bytes, not its name: users rename .doc files to .docx,
WPS saves .wps files that are really .docx or Word 97 documents, and PDFs arrive named .txt.

Only the standard library is used. The OLE (compound file) directory is parsed just far
enough to list stream names; the zip directory just far enough to list member names. Nothing
here raises on bad input: garbage is "binary".

What the .wps extension can hold, and what each becomes here:
- a Word 97–2003 compound file with a WordDocument stream (what Kingsoft WPS Writer has written
  since WPS 2005, and what LibreOffice's "MS Word 97" filter reads for .wps) → "wps";
- a Microsoft Works document (compound file with CONTENTS/MatOST or MN0 streams; LibreOffice
  reads it through libwps) → "wps";
- a .docx package (newer WPS, or a renamed file) → "docx";
- the pre-2005 Kingsoft WPS format (its own binary layout, which LibreOffice cannot read) → "binary".
"""

from __future__ import annotations

import codecs
import io
import re
import struct
import zipfile
from collections.abc import Iterator

from pingan_writer.sources.encoding import plain_share

FORMATS = ("docx", "doc", "wps", "odt", "rtf", "pdf", "html", "mhtml", "md", "txt", "zip", "ole", "binary")

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ODT_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text",
    b"application/vnd.oasis.opendocument.text-template",
}
_MD_SUFFIXES = {".md", ".markdown"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_HTML_STARTS = ("<!doctype html", "<html", "<head", "<meta", "<body")
# Leading noise a saved page may carry before its first tag: IE's "<!-- saved from url=… -->",
# an XML declaration, other comments.
_HTML_PREAMBLE = re.compile(r"\s*(?:<!--.*?-->|<\?xml[^>]*\?>)", re.S)
_PDF_JUNK_LIMIT = 1024
_SNIFF_SAMPLE = 64 * 1024

# Compound file (MS-CFB) constants.
_FREESECT, _ENDOFCHAIN, _FATSECT, _DIFSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFC
_MAX_REGSECT = 0xFFFFFFFA
_DIR_ENTRY = 128
_MAX_DIR_ENTRIES = 65536  # real documents have tens; a bound keeps garbage cheap
_WORD_STREAM = "WordDocument"
_WORKS_STREAMS = {"CONTENTS", "MatOST", "MN0"}
_FIB_IDENT = 0xA5EC
_FIB_ENCRYPTED = 0x0100


def sniff_format(data: bytes, suffix: str) -> str:
    """One of FORMATS. The bytes decide; `suffix` (".doc", ".WPS", …, or "") only settles what
    the bytes cannot: "wps" versus "doc" for the same Word 97 content, "md" versus "txt" for text."""
    try:
        return _sniff(data, suffix.lower())
    except Exception:  # a sniffer must never be the thing that crashes on a strange file
        return "binary"


def is_encrypted(data: bytes) -> bool:
    """True for a password-protected Word 97 (.doc/.wps) file (its FIB says fEncrypted), and for
    a password-protected .docx, which Office wraps in a compound file (EncryptedPackage)."""
    try:
        entries = _ole_entries(data)
        if entries is None:
            return False
        names = {entries[i].name for i in _root_children(entries)}
        if "EncryptedPackage" in names and "EncryptionInfo" in names:
            return True
        return _word_fib_encrypted(data, entries)
    except Exception:
        return False


def is_truncated(data: bytes) -> bool:
    """True for a compound file (.doc/.wps) whose allocation table uses sectors past the end of
    the bytes, or is itself missing or unreadable: a file cut short by a failed download or copy,
    or damaged, which converters would half-read."""
    try:
        if not data.startswith(OLE_MAGIC) or len(data) < 512:
            return False
        shift = struct.unpack_from("<H", data, 0x1E)[0]
        fat = _read_fat(data, shift) if shift in (9, 12) else None
        if fat is None:
            return True
        n_fat = struct.unpack_from("<I", data, 0x2C)[0]
        if len(fat) < n_fat * ((1 << shift) // 4):
            return True  # some of the allocation table itself is missing
        used = [i for i, link in enumerate(fat) if link != _FREESECT]
        # A last sector cut a little short is tolerated (some writers do not pad it); one that
        # starts past the end is not.
        return bool(used) and (max(used) + 1) << shift >= len(data)
    except Exception:
        return False


def _sniff(data: bytes, suffix: str) -> str:
    if not data:
        return _text_by_suffix(suffix)
    if data.startswith(OLE_MAGIC):
        return _sniff_ole(data, suffix)
    if data.startswith(_ZIP_MAGICS):
        return _sniff_zip(data)
    if b"%PDF-" in data[:_PDF_JUNK_LIMIT]:
        return "pdf"
    text = _text_head(data)
    if text is None:
        return "binary"
    head = text.lstrip("\ufeff \t\r\n\f\v\x00")
    if head.startswith("{\\rtf"):
        return "rtf"
    if _is_mhtml(head):
        return "mhtml"
    if _is_html(head):
        return "html"
    if suffix in _HTML_SUFFIXES:
        return "html"  # a fragment of a page, saved without its <html> shell
    return _text_by_suffix(suffix)


def _text_by_suffix(suffix: str) -> str:
    return "md" if suffix in _MD_SUFFIXES else "txt"


# ---- text, HTML, MHTML -------------------------------------------------------------------


def _text_head(data: bytes) -> str | None:
    """The first few KB as text for the markup checks, or None when the bytes are not text.
    Only a rough decode: the text reader chooses the real encoding later."""
    sample = data[:_SNIFF_SAMPLE]
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if sample.startswith(bom):  # UTF-32 first: its little-endian BOM starts like UTF-16's
            return sample[len(bom) :].decode(name, errors="replace")[:4096]
    if b"\x00" in sample:
        return _utf16_head(sample)
    sample = sample.removeprefix(codecs.BOM_UTF8)
    head = sample[:4096].decode("latin-1")  # every byte maps; markup keywords are ASCII
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\n\r\f\v\x1b")
    return None if controls > len(head) / 100 else head


def _utf16_head(sample: bytes) -> str | None:
    """UTF-16 without a BOM: one byte order decodes to ordinary text; binary data that merely
    contains NUL bytes decodes to a jumble either way."""
    for name in ("utf-16-le", "utf-16-be"):
        text = sample[: min(len(sample), 8192) & ~1].decode(name, errors="replace")
        if plain_share(text) > 0.9:
            return text[:4096]
    return None


def _is_html(head: str) -> bool:
    pos = 0
    while match := _HTML_PREAMBLE.match(head, pos):
        if match.end() == pos:
            break
        pos = match.end()
    start = head[pos : pos + 32].lstrip().lower()
    return start.startswith(_HTML_STARTS)


def _is_mhtml(head: str) -> bool:
    """A MIME message (headers first) whose body is multipart/related: a saved .mht page."""
    headers = head.replace("\r\n", "\n").split("\n\n", 1)[0].lower()
    return "mime-version:" in headers and "multipart/related" in headers


# ---- zip packages ------------------------------------------------------------------------


def _sniff_zip(data: bytes) -> str:
    names = _zip_names(data)
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    if "mimetype" in names and _odt_mimetype(data):
        return "odt"
    return "zip"


def _zip_names(data: bytes) -> set[str]:
    """Member names from the central directory, or, for a truncated package whose directory
    is missing, from the local headers that precede each member."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        pass
    names: set[str] = set()
    pos = data.find(b"PK\x03\x04")
    while pos >= 0 and len(names) < 10000:
        if pos + 30 > len(data):
            break
        name_len, extra_len = struct.unpack_from("<HH", data, pos + 26)
        names.add(data[pos + 30 : pos + 30 + name_len].decode("utf-8", errors="replace"))
        pos = data.find(b"PK\x03\x04", pos + 30 + name_len + extra_len)
    return names


def _odt_mimetype(data: bytes) -> bool:
    """The ODF package's "mimetype" member names the document type."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo("mimetype")
            if info.file_size > 200:
                return False
            value = zf.read(info).strip()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, NotImplementedError):
        # ODF stores "mimetype" first and uncompressed, so it can be read straight off the bytes.
        if data[30:38] != b"mimetype":
            return False
        value = data[38:160].split(b"PK", 1)[0].strip()
    return value in _ODT_MIMETYPES


# ---- compound (OLE) files ----------------------------------------------------------------


class _Entry:
    __slots__ = ("child", "left", "name", "right", "size", "start", "type")

    def __init__(self, raw: bytes) -> None:
        name_len = struct.unpack_from("<H", raw, 0x40)[0]
        self.name = raw[: max(0, min(name_len, 64) - 2)].decode("utf-16-le", errors="replace")
        self.type = raw[0x42]
        self.left, self.right, self.child = struct.unpack_from("<III", raw, 0x44)
        self.start, self.size = struct.unpack_from("<IQ", raw, 0x74)


def _sniff_ole(data: bytes, suffix: str) -> str:
    entries = _ole_entries(data)
    if entries is None:
        names = _scan_stream_names(data)
        if not names and suffix in (".doc", ".wps"):
            # A compound file cut short before its directory: nothing inside says what it
            # is, so trust the name and let the converter report the damage.
            return suffix[1:]
    else:
        names = {entries[i].name for i in _root_children(entries)}
    if _WORD_STREAM in names:
        return "wps" if suffix == ".wps" else "doc"
    if suffix == ".wps" and names & _WORKS_STREAMS:
        return "wps"
    return "ole"


def _ole_entries(data: bytes) -> list[_Entry] | None:
    """The directory entries of a compound file, or None when its header or FAT is unusable."""
    if len(data) < 512 or not data.startswith(OLE_MAGIC):
        return None
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):
        return None
    size = 1 << shift
    fat = _read_fat(data, shift)
    if fat is None:
        return None
    first_dir = struct.unpack_from("<I", data, 0x30)[0]
    entries: list[_Entry] = []
    for sector in _chain(fat, first_dir):
        offset = (sector + 1) * size
        block = data[offset : offset + size]
        for pos in range(0, len(block) - _DIR_ENTRY + 1, _DIR_ENTRY):
            entries.append(_Entry(block[pos : pos + _DIR_ENTRY]))
        if len(entries) >= _MAX_DIR_ENTRIES or len(block) < size:
            break
    if not entries or entries[0].type != 5:  # entry 0 must be the root storage
        return None
    return entries


def _read_fat(data: bytes, shift: int) -> list[int] | None:
    size = 1 << shift
    per_sector = size // 4
    n_fat = struct.unpack_from("<I", data, 0x2C)[0]
    if n_fat == 0 or n_fat > len(data) // size + 1:
        return None
    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s <= _MAX_REGSECT]
    difat = struct.unpack_from("<I", data, 0x44)[0]
    seen: set[int] = set()
    while difat <= _MAX_REGSECT and difat not in seen and len(fat_sectors) < n_fat:
        seen.add(difat)
        offset = (difat + 1) * size
        block = data[offset : offset + size]
        if len(block) < size:
            break
        values = struct.unpack_from(f"<{per_sector}I", block)
        fat_sectors.extend(v for v in values[:-1] if v <= _MAX_REGSECT)
        difat = values[-1]
    fat: list[int] = []
    for sector in fat_sectors[:n_fat]:
        offset = (sector + 1) * size
        block = data[offset : offset + size]
        if len(block) < size:
            break  # truncated file: keep what is there
        fat.extend(struct.unpack_from(f"<{per_sector}I", block))
    return fat or None


def _chain(fat: list[int], start: int) -> Iterator[int]:
    """Sector numbers of a FAT chain, stopping at the end, a loop or a bad link."""
    seen: set[int] = set()
    sector = start
    while sector <= _MAX_REGSECT and sector < len(fat) and sector not in seen:
        seen.add(sector)
        yield sector
        sector = fat[sector]


def _root_children(entries: list[_Entry]) -> list[int]:
    """Indexes of the streams and storages directly under the root: a Word document embedded
    in, say, a spreadsheet sits in a sub-storage and does not make the file a .doc."""
    found: list[int] = []
    stack = [entries[0].child]
    seen: set[int] = set()
    while stack:
        index = stack.pop()
        if index >= len(entries) or index in seen:
            continue
        seen.add(index)
        entry = entries[index]
        if entry.type in (1, 2):
            found.append(index)
        stack.extend((entry.left, entry.right))
    return found


def _scan_stream_names(data: bytes) -> set[str]:
    """Fallback for a compound file whose FAT is damaged: look for directory entries, which
    sit on 128-byte boundaries, by their UTF-16LE names and name-length fields."""
    names: set[str] = set()
    for name in (_WORD_STREAM, *_WORKS_STREAMS):
        encoded = name.encode("utf-16-le")
        pos = data.find(encoded, 512)
        while pos >= 0:
            aligned = pos % _DIR_ENTRY == 0 and len(data) >= pos + 0x44
            if aligned and struct.unpack_from("<H", data, pos + 0x40)[0] == len(encoded) + 2:
                names.add(name)
                break
            pos = data.find(encoded, pos + 1)
    return names


def _word_fib_encrypted(data: bytes, entries: list[_Entry]) -> bool:
    """The Word FIB at the start of the WordDocument stream carries the fEncrypted flag."""
    for entry in (entries[i] for i in _root_children(entries)):
        if entry.type == 2 and entry.name == _WORD_STREAM:
            head = _stream_head(data, entries, entry)
            if len(head) < 12:
                return False
            ident, flags = struct.unpack_from("<H", head, 0)[0], struct.unpack_from("<H", head, 0x0A)[0]
            return ident == _FIB_IDENT and bool(flags & _FIB_ENCRYPTED)
    return False


def _stream_head(data: bytes, entries: list[_Entry], entry: _Entry) -> bytes:
    """The first bytes (up to 64) of a stream: from an ordinary sector, or, for a stream under
    the cutoff (small documents written by LibreOffice are), from the root's mini stream."""
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    size = 1 << shift
    cutoff = struct.unpack_from("<I", data, 0x38)[0]
    if entry.size >= cutoff:
        offset = (entry.start + 1) * size
        return data[offset : offset + 64]
    fat = _read_fat(data, shift) or []
    mini_offset = entry.start << struct.unpack_from("<H", data, 0x20)[0]
    for i, sector in enumerate(_chain(fat, entries[0].start)):
        if i == mini_offset // size:
            offset = (sector + 1) * size + mini_offset % size
            return data[offset : offset + 64]
    return b""
