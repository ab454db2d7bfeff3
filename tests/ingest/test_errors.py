"""Bad input gives a specific, typed error with a message a learner understands."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib

import pytest
from PIL import Image

from ler_navigator.errors import CredentialParseError, UnsupportedFormatError
from ler_navigator.ingest import parse_bytes
from ler_navigator.ingest.errors import (
    BadgeImageError,
    DocumentReadError,
    EmptyDocumentError,
    EncryptedPdfError,
    FileTooLargeError,
    ImageOnlyPdfError,
    ImageWithoutBadgeError,
    InputTooComplexError,
    MalformedJsonError,
    MalformedTokenError,
    NotACredentialError,
    UnknownFormatError,
)
from ler_navigator.ingest.limits import IngestLimits
from ler_navigator.settings import Settings


def png_bytes(
    extra_chunks: list[tuple[bytes, bytes]] = (), size: tuple[int, int] = (4, 4)
) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format="PNG")
    data = buffer.getvalue()
    iend = data.rindex(b"IEND") - 4
    chunks = b"".join(
        struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        for kind, body in extra_chunks
    )
    return data[:iend] + chunks + data[iend:]


def pdf_bytes(text: str | None, password: str | None = None) -> bytes:
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    pdf = FPDF()
    pdf.add_page()
    if text:
        pdf.set_font("Helvetica", size=12)
        pdf.multi_cell(0, 10, text)
    raw = bytes(pdf.output())
    if password is None:
        return raw
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(raw)).pages:
        writer.add_page(page)
    writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


CASES = [
    ("broken JSON", b'{"type": ["VerifiableCredential"', MalformedJsonError, "broken at line 1"),
    ("JSON of another kind", b'{"name": "shopping list"}', UnknownFormatError, "not a credential"),
    ("JSON scalar", b"[1, 2]", None, None),
    ("empty", b"   \n", EmptyDocumentError, "empty"),
    ("JPEG", b"\xff\xd8\xff\xe0" + b"\0" * 20, ImageWithoutBadgeError, "PNG or SVG"),
    ("PNG without badge", png_bytes(), ImageWithoutBadgeError, "no badge data"),
    ("truncated PNG", png_bytes()[:30], BadgeImageError, "cut off or damaged"),
    (
        "SVG without badge",
        b"<svg xmlns='http://www.w3.org/2000/svg'></svg>",
        ImageWithoutBadgeError,
        "SVG",
    ),
    ("HTML page", b"<html><body>Hello there, nice page</body></html>", UnknownFormatError, "HTML"),
    ("bad JWT", b"eyJhbGciOiJub25lIn0.bm90IGpzb24.", MalformedJsonError, "JWT"),
    (
        "JWT without credential",
        b"eyJhbGciOiJub25lIn0.eyJzdWIiOiAiMTIzIn0.",
        UnknownFormatError,
        "does not carry",
    ),
    (
        "N-Quads",
        b'<urn:a> <urn:b> "c" .\n_:c14n0 <urn:d> <urn:e> .\n',
        NotACredentialError,
        "N-Quads",
    ),
    ("binary", bytes(range(256)) * 4, UnknownFormatError, "format we read"),
    ("zip that is not Word", None, UnknownFormatError, "archive"),
]


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return out.getvalue()


@pytest.mark.parametrize(("name", "data", "error", "phrase"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_gives_a_typed_error(name, data, error, phrase):
    if name == "JSON scalar":
        parsed = parse_bytes(data, "list.json")  # an array is read like a presentation
        assert parsed.achievements == []
        assert parsed.warnings
        return
    if data is None:
        data = _zip()
    with pytest.raises(error) as caught:
        parse_bytes(data, "upload")
    assert isinstance(caught.value, UnsupportedFormatError | CredentialParseError)
    assert phrase in caught.value.user_message


def test_file_over_the_upload_limit_is_refused():
    settings = Settings(max_upload_mb=0.001)
    with pytest.raises(FileTooLargeError, match=r"limited to 0\.001 MB"):
        parse_bytes(b"x" * 2000, "big.txt", settings)


def test_deeply_nested_json_is_refused():
    deep = "[" * 200 + "]" * 200
    with pytest.raises(InputTooComplexError, match="levels deep"):
        parse_bytes(deep.encode(), "deep.json")


def test_too_many_achievements_are_refused():
    from ler_navigator.ingest.context import ParseContext
    from ler_navigator.ingest.open_badges import parse_open_badge

    doc = {
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "credentialSubject": {"achievement": [{"name": f"Badge {i}"} for i in range(5)]},
    }
    ctx = ParseContext(file="many.json", limits=IngestLimits(max_achievements=3))
    with pytest.raises(InputTooComplexError, match="more than 3 achievements"):
        parse_open_badge(ctx, doc, "$", None)


def test_oversized_image_dimensions_are_refused_without_decoding():
    data = bytearray(png_bytes())
    data[16:24] = struct.pack(">II", 100_000, 100_000)  # IHDR width and height
    with pytest.raises(InputTooComplexError, match="far larger than a badge"):
        parse_bytes(bytes(data), "huge.png")


def test_compressed_badge_text_that_expands_too_far_is_refused():
    bomb = zlib.compress(b"{" + b" " * (3 * 1024 * 1024) + b"}")
    chunk = b"openbadges\x00\x01\x00\x00\x00" + bomb
    with pytest.raises(InputTooComplexError, match="unreasonable size"):
        parse_bytes(png_bytes([(b"iTXt", chunk)]), "bomb.png")


def test_compressed_badge_text_within_limits_is_read():
    assertion = {"type": "Assertion", "badge": {"name": "Welding Basics"}, "recipient": {}}
    chunk = b"openbadges\x00\x01\x00\x00\x00" + zlib.compress(json.dumps(assertion).encode())
    parsed = parse_bytes(png_bytes([(b"iTXt", chunk)]), "badge.png")
    assert (parsed.format, parsed.container) == ("ob2", "png")
    assert parsed.achievements[0].title == "Welding Basics"


def test_badge_image_with_garbage_payload():
    chunk = b"openbadgecredential\x00\x00\x00\x00\x00not a credential"
    with pytest.raises(MalformedTokenError, match="neither JSON nor a signed credential"):
        parse_bytes(png_bytes([(b"iTXt", chunk)]), "odd.png")


def test_encrypted_pdf():
    with pytest.raises(EncryptedPdfError, match="password"):
        parse_bytes(pdf_bytes("Welding and Python", password="secret"), "locked.pdf")


def test_image_only_pdf():
    with pytest.raises(ImageOnlyPdfError, match="only images"):
        parse_bytes(pdf_bytes(None), "scan.pdf")


def test_damaged_pdf():
    with pytest.raises(DocumentReadError, match="damaged"):
        parse_bytes(b"%PDF-1.7\n garbage without objects", "broken.pdf")


def test_typed_error_detection_ignores_the_extension():
    # A credential named like a picture is still read as a credential.
    data = json.dumps(
        {"type": ["VerifiableCredential"], "credentialSubject": {"alumniOf": "Example College"}}
    ).encode()
    assert parse_bytes(data, "photo.jpg").format == "vc-v1"


def test_default_upload_limit_follows_settings():
    assert IngestLimits.from_settings(Settings()).max_bytes == 5_000_000
    with pytest.raises(FileTooLargeError, match=r"limited to 5 MB"):
        parse_bytes(b" " * 5_000_001, "big.txt", Settings())


def test_word_document_that_unzips_too_far_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (60 * 1024 * 1024))
    with pytest.raises(InputTooComplexError, match="unreasonable size"):
        parse_bytes(out.getvalue(), "cv.docx")


def test_missing_file_is_reported_not_raised(tmp_path):
    from ler_navigator.ingest import ingest_paths

    (result,) = ingest_paths([tmp_path / "nowhere.json"])
    assert result.parsed is None
    assert result.error.type == "FileReadError"
