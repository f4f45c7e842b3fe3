"""PDF through LibreOffice (soffice --headless), when it is installed."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from pingan_writer.errors import PinganError
from pingan_writer.export.fontconfig import fontconfig_env
from pingan_writer.sources.convert import find_soffice  # one search for LibreOffice, PATH and beyond

__all__ = ["docx_to_pdf", "find_soffice"]

TIMEOUT_S = 180


def docx_to_pdf(docx_bytes: bytes, target: Path, error: type[PinganError]) -> bytes:
    """Convert in a private folder with a private LibreOffice profile (so a running LibreOffice
    does not capture the job) and a private fontconfig file (free Simplified Chinese stand-ins
    for the official fonts this machine lacks), and return the PDF's bytes."""
    soffice = find_soffice()
    if soffice is None:
        raise error(
            target,
            "未安装 LibreOffice，无法导出 PDF。可先导出 .docx 再用 Word/WPS 另存为 PDF，"
            "或安装 LibreOffice（Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui）",
        )
    with tempfile.TemporaryDirectory(prefix="pingan-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "draft.docx"
        source.write_bytes(docx_bytes)
        profile = (folder / "profile").as_uri()
        cmd = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        env = fontconfig_env(folder / "fontconfig")
        try:
            subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, check=False, env=env)
        except subprocess.TimeoutExpired as exc:
            raise error(target, f"LibreOffice 转换 PDF 超时（{TIMEOUT_S} 秒）") from exc
        except OSError as exc:
            raise error(target, f"无法启动 LibreOffice（{exc.strerror or exc}）") from exc
        pdf = folder / "draft.pdf"
        if not pdf.exists() or pdf.stat().st_size == 0:
            raise error(target, "LibreOffice 未能生成 PDF")
        data = pdf.read_bytes()
    check_pdf(data, target, error)
    return data


def check_pdf(data: bytes, target: Path, error: type[PinganError]) -> None:
    """Refuse a conversion result that is not a PDF with pages: a converter that exits 0 after
    writing something else must not replace a good earlier export."""
    bad = f"LibreOffice 生成的文件不是有效的 PDF，未写入（{target.name} 保持原样）"
    if not data.startswith(b"%PDF-"):
        raise error(target, bad)
    import pypdfium2 as pdfium  # PDFium: imported only when a PDF is exported

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise error(target, bad) from exc
    try:
        pages = len(doc)
    finally:
        doc.close()
    if pages == 0:
        raise error(target, bad)
