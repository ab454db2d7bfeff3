"""Typed errors for reading uploads, each with a message a learner understands.

UnsupportedFormatError (ler_navigator.errors)
├── FileTooLargeError        larger than the upload limit
├── EmptyDocumentError       no content, or a résumé with no text
├── UnknownFormatError       content we do not recognise as an LER or résumé
├── NotACredentialError      structured data that is not a credential (e.g. RDF N-Quads)
└── ImageWithoutBadgeError   an image that carries no badge data
CredentialParseError (ler_navigator.errors)
├── MalformedJsonError       broken JSON
├── MalformedTokenError      a JWT / JWS that does not decode
├── BadgeImageError          a damaged PNG / SVG container
├── InputTooComplexError     nesting, size after decompression, or achievement count limits
├── EncryptedPdfError        a password-protected PDF
├── ImageOnlyPdfError        a scanned PDF with no text layer
└── DocumentReadError        a damaged PDF or Word document
"""

from __future__ import annotations

from ler_navigator.errors import CredentialParseError, UnsupportedFormatError


class FileTooLargeError(UnsupportedFormatError):
    """The upload is larger than ``Settings.max_upload_mb``."""


class EmptyDocumentError(UnsupportedFormatError):
    """The upload is empty or holds no readable text."""


class UnknownFormatError(UnsupportedFormatError):
    """The content is not a credential or résumé format we read."""


class NotACredentialError(UnsupportedFormatError):
    """Structured data that is not a learner record (for example RDF N-Quads)."""


class ImageWithoutBadgeError(UnsupportedFormatError):
    """An image with no Open Badges data baked into it."""


class MalformedJsonError(CredentialParseError):
    """JSON that does not parse."""


class MalformedTokenError(CredentialParseError):
    """A compact JWS / JWT that does not decode."""


class BadgeImageError(CredentialParseError):
    """A PNG or SVG badge whose container is damaged."""


class InputTooComplexError(CredentialParseError):
    """The input exceeds a safety limit (nesting depth, decompressed size, achievements)."""


class EncryptedPdfError(CredentialParseError):
    """A password-protected PDF."""


class ImageOnlyPdfError(CredentialParseError):
    """A PDF without a text layer (a scan or a picture of a résumé)."""


class DocumentReadError(CredentialParseError):
    """A PDF or Word document that cannot be opened."""


__all__ = [
    "BadgeImageError",
    "DocumentReadError",
    "EmptyDocumentError",
    "EncryptedPdfError",
    "FileTooLargeError",
    "ImageOnlyPdfError",
    "ImageWithoutBadgeError",
    "InputTooComplexError",
    "MalformedJsonError",
    "MalformedTokenError",
    "NotACredentialError",
    "UnknownFormatError",
]
