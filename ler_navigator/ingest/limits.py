"""Safety limits for reading untrusted uploads."""

from __future__ import annotations

from dataclasses import dataclass

from ler_navigator.settings import Settings

MEGABYTE = 1_000_000  # decimal megabytes, as upload limits are usually stated


@dataclass(frozen=True)
class IngestLimits:
    """How much of an upload we are willing to read; every value has a safe default."""

    max_bytes: int = 5 * MEGABYTE
    max_json_depth: int = 64
    max_achievements: int = 500
    max_nesting: int = 4  # credentials inside credentials (CLR, presentations, LER-RS)
    max_chunk_bytes: int = 2 * MEGABYTE  # one PNG chunk, compressed or not
    max_image_pixels: int = 50_000_000
    max_text_chars: int = 200_000  # text taken from a résumé
    max_pdf_pages: int = 50
    max_unzipped_bytes: int = 50 * MEGABYTE  # a DOCX is a zip: guard against zip bombs

    @classmethod
    def from_settings(cls, settings: Settings | None) -> IngestLimits:
        """Limits with the upload size taken from ``settings`` (default limits when None)."""
        if settings is None:
            return cls()
        return cls(max_bytes=int(settings.max_upload_mb * MEGABYTE))
