"""Readers for .txt, .docx and .md that turn a file into a Source (text + outline)."""

from pingan_writer.errors import SourceError
from pingan_writer.sources.model import Source
from pingan_writer.sources.reader import SUPPORTED_SUFFIXES, read_source

__all__ = ["SUPPORTED_SUFFIXES", "Source", "SourceError", "read_source"]
