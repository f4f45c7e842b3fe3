"""Saved web pages (.html, .htm, .mhtml/.mht) and copied HTML as sources.

The article is found by trafilatura, the way a careful reader finds it: title, the date and
source line under it, then the body paragraphs one per line, without navigation, share buttons,
related-article lists, editor lines or footers. Quotes are taken from this text, so no character
of the body may change: trafilatura folds every Unicode space (U+3000 included) into an ASCII
space, so ideographic spaces are swapped for a placeholder before extraction and restored after.
"""

from __future__ import annotations

import codecs
import copy
import email
import email.policy
import re
from collections.abc import Iterator

from pingan_writer.errors import SourceError
from pingan_writer.sources.encoding import decode_text
from pingan_writer.sources.parts import ReadResult, TextBuilder
from pingan_writer.text.outline import HeadingHint

MAX_HTML_BYTES = 20 * 1024 * 1024
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_SNIFF_BYTES = 16 * 1024  # old government pages put a lot of script before the charset meta
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "csgb2312", "chinese", "gb18030", "euc-cn", "hz-gb-2312"}
_IDEOGRAPHIC_SPACE = "\u3000"
# Printable, not whitespace, and rare; the first one absent from the page stands in for U+3000.
_PLACEHOLDERS = ("\u3190", "\u31e3", "\U0002ebe0", "\U0003134a")
_WIDE = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u201c\u201d\u2018\u2019\u2014\u2026]"
# A line break in the HTML source between two Chinese characters is not a space (CSS Text 3).
_WIDE_BREAK = re.compile(rf"(?<={_WIDE})[ \t\r\f]*\n\s*(?={_WIDE})")
_EDITOR_LINE = re.compile(r"^[\s（(【\[]*(责任编辑|编辑|责编|审核|审校|校对|监制|统筹|值班编辑|作者)\s*[:：]")
_CLUTTER_LINE = re.compile(r"^(分享到|分享：|【字号|字号[:：]|打印本页|关闭窗口|扫一扫|点击进入专题)")
_DATE = re.compile(r"(?<!\d)(19|20)\d{2}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}")
_SOURCE = re.compile(r"(来源|稿源|出处|发布(时间|日期))\s*[:：]")
_TOOLS = re.compile(r"\s*(分享到|分享|打印|收藏|字号|【\s*大|关闭窗口|扫一扫).*$")
_BLOCK_TAGS = frozenset(
    re.split(
        r"\s+",
        "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
        "header hr li main nav ol p pre section table td th tr ul",
    )
)
_VISIBILITY = re.compile(r"visibility\s*:\s*hidden\s*;?", re.I)
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")
_SECTION_BLOCKS = _BLOCK_TAGS | {"section"}
_HEAD_LEVEL = {"h1": 1, "h2": 2, "h3": 3}
NO_ARTICLE = "网页中没有找到正文"


def read_html(data: bytes, path: str) -> ReadResult:
    """A saved web page (.html, .htm): decode by BOM or declared charset, then extract the article."""
    _check_size(len(data), path)
    html, encoding = decode_html(data, path)
    return _extract(html, path, encoding)


def read_mhtml(data: bytes, path: str) -> ReadResult:
    """A page saved as a single file (.mhtml, .mht: MIME multipart/related): its first text/html part."""
    _check_size(len(data), path)
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as exc:  # the email parser is lenient; anything it raises means a broken file
        raise SourceError(path, "MHTML 文件已损坏，无法解析") from exc
    if not message.is_multipart():
        raise SourceError(path, "MHTML 文件已损坏或不完整（不是 multipart 结构），请在浏览器中重新保存网页")
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise SourceError(path, "MHTML 文件中没有网页内容（缺少 text/html 部分）")
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        raise SourceError(path, "MHTML 文件中的网页内容是空的或已损坏")
    charset = _codec(part.get_content_charset())
    if charset is not None:
        try:
            return _extract(payload.decode(charset), path, charset)
        except UnicodeDecodeError:
            pass  # a wrong header: fall back to what the page itself declares
    html, encoding = decode_html(payload, path)
    return _extract(html, path, encoding)


def read_html_text(html: str, name: str = "剪贴板") -> ReadResult:
    """HTML already decoded (the clipboard's text/html); `name` stands for the file in messages."""
    _check_size(len(html), name)
    if html.startswith("Version:") and "StartHTML:" in html[:300]:
        html = html[html.find("<") :] if "<" in html else ""  # Windows CF_HTML header
    return _extract(html, name, "utf-8")


def decode_html(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding): a BOM, else the charset the page declares, else UTF-8, else detection."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), name
            except UnicodeDecodeError:
                break
    m = _META_CHARSET.search(data[:_SNIFF_BYTES])
    declared = _codec(m.group(1).decode("ascii")) if m else None
    if declared and declared.startswith("utf-16"):
        declared = "utf-8"  # a meta tag readable as ASCII cannot be UTF-16 (HTML spec)
    if declared in ("cp1252", "latin-1", "iso8859-1"):
        declared = _utf8_if_valid(data) or declared  # servers default to Latin-1 for UTF-8 pages
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    if _utf8_if_valid(data):
        return data.decode("utf-8"), "utf-8"
    return decode_text(data, path)


def _codec(label: str | None) -> str | None:
    """Python codec name for a charset label; GB2312 and GBK are read as GB18030, their superset."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _GB:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _utf8_if_valid(data: bytes) -> str | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "utf-8"


def _check_size(size: int, path: str) -> None:
    if size > MAX_HTML_BYTES:
        limit = MAX_HTML_BYTES // 1024 // 1024
        raise SourceError(path, f"网页文件过大（{size / 1024 / 1024:.1f} MB），超过 {limit} MB 的上限")


def _extract(html: str, path: str, encoding: str) -> ReadResult:
    """The article as ReadResult: title line, date/source line, body lines."""
    import lxml.etree
    import lxml.html  # lxml and trafilatura load slowly: only when a web page is read

    html = html.replace("\x00", "")  # lxml refuses strings with NUL
    if not html.strip() or "<" not in html:
        raise SourceError(path, NO_ARTICLE)
    placeholder = next((c for c in _PLACEHOLDERS if c not in html), None)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
    try:
        # libxml2 caps nesting depth and text size unless told otherwise; that is the guard
        # against pathological pages (100 000 nested tags, a huge attribute).
        tree = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise SourceError(path, NO_ARTICLE) from exc
    if tree is None:
        raise SourceError(path, NO_ARTICLE)
    _refuse_frames(tree, path)
    _prepare_text(tree, placeholder)
    title, lines = _article(copy.deepcopy(tree), path)
    restore = (lambda s: s.replace(placeholder, _IDEOGRAPHIC_SPACE)) if placeholder else (lambda s: s)
    first_body = next((text for text, _ in lines if text != title), "")
    source_line = _source_line(tree, title, first_body)
    builder = TextBuilder()
    hints: list[HeadingHint] = []
    if title:
        builder.add(restore(title))
        hints.append(HeadingHint(0, 0))  # we know it is the title, even with a ？ in it
    if source_line:
        builder.add(restore(source_line))
    lines = [(text, level) for text, level in lines if text not in (title, source_line)]
    if not lines:
        raise SourceError(path, NO_ARTICLE)
    top = min((level for _, level in lines if level), default=1)
    for text, level in lines:
        builder.add(restore(text), level - top + 1 if level else None)
    hints.extend(builder.hints)
    return ReadResult(builder.text(), encoding, hints)


def _refuse_frames(tree, path: str) -> None:
    """A frameset or a redirect page holds no article; say so rather than 'no article'."""
    if tree.find(".//frameset") is not None:
        raise SourceError(path, "网页只是框架页（frameset），正文在其他页面中；请打开文章页面后另存")
    for meta in tree.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "refresh" and len(tree.text_content().strip()) < 200:
            raise SourceError(path, "网页只是跳转页面，没有正文；请打开跳转后的文章页面后另存")


def _prepare_text(tree, placeholder: str | None) -> None:
    """Make the page readable for trafilatura without changing its text: WeChat's sections become
    paragraphs, hidden-until-scripted content visible; U+3000 is protected from space folding and
    source line breaks between Chinese characters are dropped."""
    for el in list(tree.iter("section")):
        # WeChat builds paragraphs of <section>s, which trafilatura does not read as paragraphs.
        leaf = not any(isinstance(d.tag, str) and d.tag in _SECTION_BLOCKS for d in el.iterdescendants())
        el.tag = "p" if leaf else "div"
    for el in tree.iter():
        style = el.get("style") if isinstance(el.tag, str) else None
        if style and "visibility" in style:
            # WeChat hides the article until a script shows it; trafilatura drops hidden nodes.
            el.set("style", _VISIBILITY.sub("", style))
        for attr in ("text", "tail"):
            value = getattr(el, attr)
            if not value:
                continue
            new = _WIDE_BREAK.sub("", value)
            if placeholder:
                new = new.replace(_IDEOGRAPHIC_SPACE, placeholder)
            if new != value:
                setattr(el, attr, new)


def _article(tree, path: str) -> tuple[str | None, list[tuple[str, int | None]]]:
    """(title, [(line, heading level 1–3 or None)]) from trafilatura's extraction."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            tree, include_comments=False, favor_precision=True, include_tables=True, with_metadata=True
        )
    except RecursionError as exc:
        raise SourceError(path, "网页结构嵌套过深，无法解析") from exc
    if doc is None or doc.body is None:
        raise SourceError(path, NO_ARTICLE)
    lines = [(t, lvl) for t, lvl in _body_lines(doc.body) if t and not _is_clutter(t)]
    title = (doc.title or "").strip() or None
    h1 = next((t for t, lvl in lines[:3] if lvl == 1), None)
    if h1:
        title = h1
    return title, lines


def _body_lines(body) -> Iterator[tuple[str, int | None]]:
    """Each paragraph, heading, list item and table cell of trafilatura's XML as one line;
    a <lb/> (an HTML <br>) also ends a line, as it does on screen."""
    for el in body:
        tag = el.tag
        if tag in ("list", "table", "quote", "row", "div"):
            if el.text and el.text.strip():
                yield el.text.strip(" \t\r\n\u00a0"), None
            yield from _body_lines(el)
            continue
        level = _HEAD_LEVEL.get(el.get("rend", "")) if tag == "head" else None
        for part in _flatten(el).split("\n"):
            yield part.strip(" \t\r\n\u00a0"), level
            level = None


def _flatten(el) -> str:
    parts = [el.text or ""]
    for child in el:
        parts.append("\n" if child.tag in ("lb", "item", "cell", "row", "p") else "")
        parts.append(_flatten(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _is_clutter(line: str) -> bool:
    return len(line) <= 60 and bool(_EDITOR_LINE.match(line) or _CLUTTER_LINE.match(line))


def _source_line(tree, title: str | None, first_body: str) -> str | None:
    """The date/source line near the title, as shown on the page, without the share and print
    tools beside it: lines that run from the title down to the body, and the lines just above
    the title (新华网 puts them there); several such lines are joined with a space."""
    if not title:
        return None
    before, after = _lines_around_title(tree, title, first_body[:12])
    if before is None:
        return None
    keep = []
    for line in reversed(before[-3:]):  # only the lines right above the title
        if not _is_source(line):
            break
        keep.insert(0, line)
    keep += [line for line in after if _is_source(line)]
    return " ".join(keep) or None


def _is_source(line: str) -> bool:
    return len(line) <= 80 and bool(_DATE.search(line) or _SOURCE.search(line))


def _lines_around_title(tree, title: str, probe: str) -> tuple[list[str] | None, list[str]]:
    """The page's visible lines before the title heading, and from it to the first body line."""
    import lxml.etree

    parts: list[str] = []
    before: list[str] | None = None
    heading_starts: dict = {}  # heading element → where its text begins in `parts`
    if not probe:
        return None, []
    for event, el in lxml.etree.iterwalk(tree, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        block = "\x00" if el.tag in _BLOCK_TAGS else ""  # NUL was removed from the page
        if event == "start":
            if before is not None and probe in _norm(el.text or ""):
                return before, _visible_lines(parts)
            skip = el.tag in ("script", "style", "title", "noscript")
            if before is None and el.tag in ("h1", "h2", "h3"):
                heading_starts[el] = len(parts)
            parts += [block, "" if skip else el.text or ""]
            continue
        if before is None and el.tag in ("h1", "h2", "h3") and _norm(el.text_content()) == title:
            before = _visible_lines(parts[: heading_starts.get(el, len(parts))])
            parts = []
        parts.append(block)
        if before is not None and probe in _norm(el.tail or ""):
            return before, _visible_lines(parts)
        parts.append(el.tail or "")
        if before is not None and sum(map(len, parts)) > 3000:
            break
    return None, []  # the body does not follow closely below the title


def _visible_lines(parts: list[str]) -> list[str]:
    lines = (_TOOLS.sub("", _norm(raw)).strip(" |｜") for raw in "".join(parts).split("\x00"))
    return [line for line in lines if line]


def _norm(text: str) -> str:
    """ASCII whitespace and NBSP collapsed as a browser shows them; U+3000 is not touched."""
    return _SPACES.sub(" ", text).strip()
