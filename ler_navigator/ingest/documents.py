"""Text out of PDF and Word (DOCX) résumés."""

from __future__ import annotations

import io
import logging
import zipfile

from ler_navigator.ingest.errors import (
    DocumentReadError,
    EncryptedPdfError,
    ImageOnlyPdfError,
    InputTooComplexError,
)
from ler_navigator.ingest.limits import IngestLimits

DOCX_MARKER = "word/document.xml"


def extract_pdf_text(data: bytes, limits: IngestLimits) -> str:
    """The text layer of a PDF, page by page; typed errors for locked or scanned files."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    # pypdf reports recoverable damage through logging; the learner sees our error instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _unlocks_without_password(reader):
            raise EncryptedPdfError(
                "This PDF is protected with a password, so its text cannot be read.",
                hint="Save an unprotected copy of your résumé and upload that.",
            )
        pages = []
        for number, page in enumerate(reader.pages):
            if number >= limits.max_pdf_pages:
                break
            pages.append(page.extract_text() or "")
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise DocumentReadError(
            "This PDF is damaged and could not be opened.",
            hint="Export the résumé to PDF again, or paste its text instead.",
        ) from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise ImageOnlyPdfError(
            "This PDF holds only images (perhaps a scan), so there is no text to read.",
            hint="Upload the original document, or paste the text of your résumé.",
        )
    return text


def _unlocks_without_password(reader: object) -> bool:
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:  # any failure to open means it needs a real password
        return False


def is_docx(data: bytes) -> bool:
    """True for a zip archive that holds a Word document."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return DOCX_MARKER in archive.namelist()
    except zipfile.BadZipFile:
        return False


def extract_docx_text(data: bytes, limits: IngestLimits) -> str:
    """Paragraphs and table cells of a DOCX, in document order per part."""
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise DocumentReadError("This Word document is damaged and could not be opened.") from exc
    if unpacked > limits.max_unzipped_bytes:
        raise InputTooComplexError(
            "This Word document expands to an unreasonable size; it was not read."
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises a mix of zip, XML and KeyError failures
        raise DocumentReadError(
            "This Word document is damaged and could not be opened.",
            hint="Save it again as .docx, or paste the text of your résumé.",
        ) from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells]
            lines.append(" | ".join(c for c in cells if c))
    return "\n".join(lines)
