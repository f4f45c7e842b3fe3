"""Decode the bytes of a Chinese text file: BOMs, UTF-8, UTF-16 without BOM, GBK/GB18030,
then charset-normalizer for anything else. Refuses binary content."""

from __future__ import annotations

import codecs

from pingan_writer.errors import SourceError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_SAMPLE = 64 * 1024
_PLAIN_ENOUGH = 0.9


def decode_text(data: bytes, path: str | None = None) -> tuple[str, str]:
    """(text, encoding name). Raises SourceError for binary or undecodable content."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name.removesuffix("-sig")), name
            except UnicodeDecodeError as exc:
                raise SourceError(
                    path, f"文件声明为 {name.upper()} 编码，但第 {exc.start} 字节处内容损坏"
                ) from exc
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:_SAMPLE]:
        raise SourceError(path, "这是二进制文件，不是文本文件")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        _check_textlike(text, path)
        return text, "utf-8"
    for name in ("gbk", "gb18030"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if plain_share(text[:_SAMPLE]) >= _PLAIN_ENOUGH:  # Big5 also decodes as GBK, to kana soup
            _check_textlike(text, path)
            return text, name
    return _detect_other(data, path, utf8_error.start)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes are present, and one byte order decodes to plain
    Chinese or ASCII text while the other (and binary data) gives a jumble."""
    sample = data[: min(len(data), _SAMPLE) & ~1]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    for name in ("utf-16-le", "utf-16-be"):
        text = sample.decode(name, errors="replace")
        if plain_share(text) > 0.95:
            return name
    return None


def plain_share(text: str) -> float:
    """Share of characters that ordinary Chinese documents are made of."""
    plain = sum(
        1
        for ch in text
        if ch in "\t\n\r"
        or " " <= ch <= "~"
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or "\u2010" <= ch <= "\u206f"
        or "\u2460" <= ch <= "\u24ff"
        or "\u2150" <= ch <= "\u218f"  # Ⅰ Ⅱ Ⅲ
        or "\u00a0" <= ch <= "\u00ff"  # ° × ÷ ·
        or "\u0391" <= ch <= "\u03c9"  # Greek letters in formulas
    )
    return plain / max(1, len(text))


def _detect_other(data: bytes, path: str | None, bad_byte: int) -> tuple[str, str]:
    """Other encodings (Big5, …) only when they decode to plain text; else refuse."""
    from charset_normalizer import from_bytes  # imported late: only odd files get here

    refusal = (
        f"无法识别文件编码（按 UTF-8 解码时第 {bad_byte} 字节出错），"
        "文件可能已损坏；请另存为 UTF-8 或 GBK 编码"
    )
    best = from_bytes(data[: 4 * _SAMPLE]).best()
    if best is None:
        raise SourceError(path, refusal)
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise SourceError(path, refusal) from exc
    if plain_share(text[:_SAMPLE]) < _PLAIN_ENOUGH:
        raise SourceError(path, refusal)
    _check_textlike(text, path)
    return text, best.encoding


def _check_textlike(text: str, path: str | None) -> None:
    """Refuse decoded text that is mostly control characters: a binary file that decoded by luck."""
    sample = text[:_SAMPLE]
    if not sample:
        return
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or 0x7F <= ord(ch) < 0xA0)
    if controls / len(sample) > 0.01:
        raise SourceError(path, "这是二进制文件，不是文本文件")
