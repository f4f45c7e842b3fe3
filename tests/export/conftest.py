"""Export fixtures: the sample talk as a draft with quotes, exported, unzipped and parsed."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from pingan_writer.draft.fileformat import load_draft
from pingan_writer.draft.model import DraftMeta, SourceRef
from pingan_writer.export.docx_writer import build_docx
from pingan_writer.export.options import ExportOptions
from pingan_writer.sources import read_source

from ..conftest import SOURCE_SAMPLE, TALK_SAMPLE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


@pytest.fixture
def talk_draft():
    """The sample talk, with a title, speaker and date, and one recorded quote."""
    draft = load_draft(TALK_SAMPLE)
    draft.meta = DraftMeta(title="学习《建设更高水平的平安中国》体会", speaker="张三", date="2026年11月22日")
    source = read_source(SOURCE_SAMPLE)
    quote = "维护国家安全是全社会的责任。"
    at = draft.text.index(quote)
    s_at = source.text.index(quote)
    draft.text = draft.text[:at] + draft.text[at + len(quote) :]
    draft.insert_quote(
        at, quote, SourceRef(source.content_hash, source.title), ["三、", "（一）"], s_at, s_at + len(quote)
    )
    return draft


class Docx:
    """The parts of an exported .docx, parsed."""

    def __init__(self, data: bytes) -> None:
        import io

        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.document = self.part("word/document.xml")
        self.styles = self.part("word/styles.xml")
        self.settings = self.part("word/settings.xml")

    def part(self, name: str):
        return etree.fromstring(self.zip.read(name))

    def style(self, style_id: str):
        (el,) = self.styles.xpath(f"w:style[@w:styleId='{style_id}']", namespaces=NS)
        return el

    def paragraphs(self):
        return self.document.xpath("//w:body/w:p", namespaces=NS)

    @staticmethod
    def text(p) -> str:
        return "".join(p.xpath(".//w:t/text()", namespaces=NS))


@pytest.fixture
def exported(talk_draft):
    def export(**options) -> Docx:
        return Docx(build_docx(talk_draft, ExportOptions(**options)))

    return export
