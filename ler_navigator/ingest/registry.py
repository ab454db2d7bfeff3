"""Format detection and the entry points: bytes or paths in, parsed records out.

The format is decided from the content, never from the file name: PNG and SVG badges by their
baked data, PDF and DOCX by their signatures, JSON by the credential's types and contexts, a
compact JWS by its payload, anything else as the text of a résumé.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ler_navigator.errors import NavigatorError
from ler_navigator.ingest.baked import PNG_SIGNATURE, read_png_badge, read_svg_badge
from ler_navigator.ingest.clr import CLR_TYPE, parse_clr
from ler_navigator.ingest.context import ParseContext
from ler_navigator.ingest.documents import extract_docx_text, extract_pdf_text, is_docx
from ler_navigator.ingest.errors import (
    EmptyDocumentError,
    FileTooLargeError,
    ImageWithoutBadgeError,
    MalformedTokenError,
    UnknownFormatError,
)
from ler_navigator.ingest.fields import JsonObject, sha256_hex, type_list
from ler_navigator.ingest.json_input import load_json
from ler_navigator.ingest.ler_rs import looks_like_ler_rs, parse_ler_rs
from ler_navigator.ingest.limits import MEGABYTE, IngestLimits
from ler_navigator.ingest.open_badges import parse_open_badge
from ler_navigator.ingest.open_badges_v2 import looks_like_ob2, parse_ob2_assertion
from ler_navigator.ingest.result import IngestError, IngestResult, ParsedFile
from ler_navigator.ingest.resume import check_resume_text, parse_resume_text, text_format
from ler_navigator.ingest.skill_step import Vocabulary, find_skills
from ler_navigator.ingest.vc import (
    is_presentation,
    parse_generic_credential,
    parse_presentation,
    vc_version,
)
from ler_navigator.ingest.vc_jwt import decode_jws, looks_like_jws
from ler_navigator.models.ler import sort_achievements
from ler_navigator.settings import Settings

OPEN_BADGE_TYPES = frozenset(
    {"OpenBadgeCredential", "AchievementCredential", "EndorsementCredential"}
)
_OTHER_IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")
_MAX_FILES = 1000


def classify_json(doc: JsonObject) -> str:
    """The format of a JSON document: vp, clr2, ler-rs, ob3, ob2, vc-v1 or vc-v2.

    Raises ``UnknownFormatError`` for JSON that is none of these.
    """
    types = type_list(doc)
    if is_presentation(doc):
        return "vp"
    if CLR_TYPE in types:
        return "clr2"
    if looks_like_ler_rs(doc):
        return "ler-rs"
    if OPEN_BADGE_TYPES.intersection(types):
        return "ob3"
    if looks_like_ob2(doc):
        return "ob2"
    version = vc_version(doc)
    if version or "VerifiableCredential" in types:
        return version or "vc-v1"
    raise UnknownFormatError(
        "This JSON file is not a credential format we read.",
        hint="We read W3C Verifiable Credentials, Open Badges 2.0 and 3.0, CLR 2.0 and LER-RS.",
    )


def parse_bytes(
    data: bytes,
    filename: str,
    settings: Settings | None = None,
    *,
    vocabulary: Vocabulary | None = None,
    documents: dict[str, JsonObject] | None = None,
) -> ParsedFile:
    """Detect the format of one upload and read it.

    Args:
        data: the file's bytes. filename: shown in provenance only, never used to detect.
        settings: limits (``max_upload_mb``); defaults apply when None.
        vocabulary: the skills vocabulary; without it, ``skills`` stays empty.
        documents: trusted documents by id (badge classes, issuers) for hosted badges.

    Raises:
        UnsupportedFormatError or CredentialParseError (or a subclass) with a learner message.
    """
    limits = IngestLimits.from_settings(settings)
    check_size(len(data), limits)
    ctx = ParseContext(
        file=filename, limits=limits, nested=_parse_nested, documents=documents or {}
    )
    _parse_content(ctx, data)
    parsed = ParsedFile(
        file=filename,
        format=ctx.format,
        container=ctx.container,
        document_sha256=sha256_hex(data),
        credentials=ctx.credentials,
        achievements=sort_achievements(ctx.achievements),
        employment=ctx.employment,
        education=ctx.education,
        skill_texts=ctx.skill_texts,
        warnings=ctx.warnings,
    )
    if vocabulary is not None:
        parsed.skills = find_skills(parsed.skill_texts, vocabulary, filename)
    return parsed


def check_size(size: int, limits: IngestLimits) -> None:
    """Refuse uploads over the size limit."""
    if size > limits.max_bytes:
        raise FileTooLargeError(
            f"This file is {size / MEGABYTE:.3g} MB; uploads are limited to "
            f"{limits.max_bytes / MEGABYTE:.3g} MB.",
            hint="Upload a smaller file, or the credential's JSON instead of a large document.",
        )


def _parse_content(ctx: ParseContext, data: bytes) -> None:
    if not data.strip():
        raise EmptyDocumentError(
            "This file is empty, so there is nothing to read.",
            hint="Upload your résumé or a credential file, or type your skills instead.",
        )
    if data.startswith(PNG_SIGNATURE):
        baked = read_png_badge(data, ctx.limits)
        ctx.container = "png"
        _parse_payload(ctx, baked.payload, legacy=baked.keyword == "openbadges")
        return
    if data.startswith(_OTHER_IMAGE_SIGNATURES) or data[8:12] == b"WEBP":
        raise ImageWithoutBadgeError(
            "This picture is not a badge image: badges are baked into PNG or SVG files.",
            hint="Download the badge as PNG or SVG from the platform that issued it.",
        )
    if data.startswith(b"%PDF-"):
        ctx.format = "resume-pdf"
        parse_resume_text(ctx, extract_pdf_text(data, ctx.limits))
        return
    if data.startswith(b"PK\x03\x04"):
        if not is_docx(data):
            raise UnknownFormatError(
                "This archive is not a Word document or a credential we read.",
                hint="Upload résumés as PDF, DOCX or text, and credentials one file at a time.",
            )
        ctx.format = "resume-docx"
        parse_resume_text(ctx, extract_docx_text(data, ctx.limits))
        return
    text = _decode_text(data)
    stripped = text.lstrip()
    if stripped.startswith("<"):
        if "<svg" not in stripped[:4096].lower():
            check_resume_text(text)  # names RDF N-Quads, which also start with "<"
            raise UnknownFormatError(
                "This is an XML or HTML file, not a credential or résumé format we read.",
                hint="Upload a credential (JSON, JWT, badge image) or a résumé (PDF, Word, text).",
            )
        baked = read_svg_badge(text)
        ctx.container = "svg"
        _parse_payload(ctx, baked.payload, legacy=baked.keyword == "assertion")
        return
    if stripped.startswith(("{", "[")):
        _parse_json_text(ctx, stripped)
        return
    if looks_like_jws(stripped.strip()):
        _parse_token(ctx, stripped.strip(), "$", None)
        return
    ctx.format = text_format(text)
    parse_resume_text(ctx, text)


def _decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnknownFormatError(
            "This file is neither a credential nor a résumé in a format we read.",
            hint="Upload a credential (JSON, JWT, badge image) or a résumé (PDF, Word, text).",
        ) from exc


def _parse_payload(ctx: ParseContext, payload: str, *, legacy: bool) -> None:
    """A baked badge's text: JSON, a compact JWS, or (OB 1.0) just the assertion URL."""
    payload = payload.strip()
    if payload.startswith(("{", "[")):
        doc = load_json(payload, ctx.limits, what="The badge data in this image")
        if legacy and isinstance(doc, dict) and _classify_or_none(doc) is None:
            # Old bakeries wrote fragments with no types at all; they are OB 1.0 / 2.0 data.
            ctx.format = "ob2"
            parse_ob2_assertion(ctx, doc, "$", None)
            return
        _parse_json_value(ctx, doc)
    elif looks_like_jws(payload):
        _parse_token(ctx, payload, "$", None)
    elif payload.startswith(("http://", "https://")):
        ctx.format = "ob2"
        ctx.warnings.append(
            f"This badge only points to {payload}; its details are not inside the image."
        )
    else:
        raise MalformedTokenError(
            "The badge data inside this image is neither JSON nor a signed credential.",
            hint="Download the badge again from the platform that issued it.",
        )


def _parse_json_text(ctx: ParseContext, text: str) -> None:
    _parse_json_value(ctx, load_json(text, ctx.limits))


def _parse_json_value(ctx: ParseContext, doc: Any) -> None:
    if isinstance(doc, list):
        # A JSON array of credentials is read like a presentation.
        ctx.format = "vp"
        for index, item in enumerate(doc):
            ctx.parse_nested(item, f"$[{index}]", None)
        return
    if not isinstance(doc, dict):
        raise UnknownFormatError("This JSON file holds a single value, not a credential.")
    ctx.format = classify_json(doc)
    _dispatch(ctx, doc, "$", None, ctx.format)


def _dispatch(
    ctx: ParseContext, doc: JsonObject, path: str, parent_key: str | None, fmt: str
) -> None:
    kind = classify_json(doc)
    record_format = "vc-jwt" if fmt == "vc-jwt" else kind
    if kind == "vp":
        parse_presentation(ctx, doc, path)
    elif kind == "clr2":
        parse_clr(ctx, doc, path, parent_key, record_format)
    elif kind == "ler-rs":
        parse_ler_rs(ctx, doc, path, parent_key, record_format)
    elif kind == "ob3":
        parse_open_badge(ctx, doc, path, parent_key, record_format)
    elif kind == "ob2":
        parse_ob2_assertion(ctx, doc, path, parent_key, "ob2")
    else:
        parse_generic_credential(ctx, doc, path, parent_key, record_format)


def _parse_token(ctx: ParseContext, token: str, path: str, parent_key: str | None) -> None:
    decoded = decode_jws(token, ctx.limits)
    top = ctx.format == "unknown"
    # A signed Open Badges 2.0 assertion is a JWS whose payload is the assertion itself.
    if "vc" not in decoded.payload and looks_like_ob2(decoded.payload):
        if top:
            ctx.format = "ob2"
        parse_ob2_assertion(ctx, decoded.payload, f"{path}#jwt.payload", parent_key, "ob2")
    elif decoded.credential is not None:
        if top:
            ctx.format = "vc-jwt"
        _dispatch(ctx, decoded.credential, f"{path}#jwt.payload", parent_key, "vc-jwt")
    else:
        raise UnknownFormatError(
            "This signed token (JWT) does not carry a credential.",
            hint="Upload the credential itself; a login or access token is not an LER.",
        )


def _parse_nested(ctx: ParseContext, item: Any, path: str, parent_key: str | None) -> None:
    """A credential inside a CLR, presentation or LER-RS: an object or a compact JWS."""
    if isinstance(item, str) and looks_like_jws(item.strip()):
        _parse_token(ctx, item.strip(), path, parent_key)
    elif isinstance(item, dict):
        kind = _classify_or_none(item)
        if kind is None:
            ctx.warnings.append(f"Skipped an entry at {path} that is not a credential.")
            return
        _dispatch(ctx, item, path, parent_key, kind)
    else:
        ctx.warnings.append(f"Skipped an entry at {path} that is not a credential.")


def _classify_or_none(doc: JsonObject) -> str | None:
    try:
        return classify_json(doc)
    except UnknownFormatError:
        return None


# ------------------------------------------------------------------------- paths


def ingest_paths(
    paths: list[Path] | list[str],
    settings: Settings | None = None,
    *,
    vocabulary: Vocabulary | None = None,
    documents: dict[str, JsonObject] | None = None,
) -> list[IngestResult]:
    """Read files and folders (recursively, sorted); each file gives a result or an error."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)))
        else:
            files.append(path)
    results = []
    limits = IngestLimits.from_settings(settings)
    for path in files[:_MAX_FILES]:
        results.append(_ingest_file(path, limits, settings, vocabulary, documents))
    return results


def _ingest_file(
    path: Path,
    limits: IngestLimits,
    settings: Settings | None,
    vocabulary: Vocabulary | None,
    documents: dict[str, JsonObject] | None,
) -> IngestResult:
    name = str(path)
    try:
        size = path.stat().st_size
        check_size(size, limits)  # before reading, so a huge file never enters memory
        data = path.read_bytes()
        parsed = parse_bytes(data, name, settings, vocabulary=vocabulary, documents=documents)
    except NavigatorError as exc:
        return IngestResult(file=name, error=error_of(exc))
    except OSError as exc:
        return IngestResult(
            file=name,
            error=IngestError(
                type="FileReadError", message=f"The file could not be opened ({exc.strerror})."
            ),
        )
    return IngestResult(file=name, parsed=parsed)


def error_of(exc: NavigatorError) -> IngestError:
    """The learner-facing form of an error."""
    return IngestError(type=type(exc).__name__, message=exc.user_message, hint=exc.hint)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def load_local_documents(folder: Path, *, max_files: int = 2000) -> dict[str, JsonObject]:
    """Trusted JSON documents in ``folder`` (recursively) by their ``id``."""
    documents: dict[str, JsonObject] = {}
    for path in sorted(folder.rglob("*.json"))[:max_files]:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(doc, dict) and isinstance(doc.get("id"), str):
            documents.setdefault(doc["id"], doc)
    return documents
