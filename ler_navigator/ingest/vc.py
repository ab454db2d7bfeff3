"""W3C Verifiable Credentials 1.1 / 2.0 that are no Open Badge, and Verifiable Presentations."""

from __future__ import annotations

from typing import Any

from ler_navigator.ingest.context import ParseContext
from ler_navigator.ingest.fields import (
    JsonObject,
    as_list,
    child,
    items_at,
    plain_text,
    text,
    type_list,
)
from ler_navigator.ingest.open_badges import subjects
from ler_navigator.models.ler import Achievement, Claim

VC_V1_CONTEXT = "https://www.w3.org/2018/credentials/v1"
VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"

# Credentials that support other credentials rather than describe the learner.
NOT_LEARNER_TYPES = frozenset(
    {
        "BitstringStatusListCredential",
        "StatusList2021Credential",
        "RevocationList2020Credential",
        "1EdTechRevocationList",
    }
)
_SKIPPED_KEYS = frozenset({"id", "type", "@type", "@context"})
_MAX_CLAIMS = 50


def vc_version(doc: JsonObject) -> str | None:
    """'vc-v1' or 'vc-v2' from the base context, or None when neither is present."""
    contexts = as_list(doc.get("@context"))
    if VC_V2_CONTEXT in contexts:
        return "vc-v2"
    if VC_V1_CONTEXT in contexts:
        return "vc-v1"
    return None


def parse_generic_credential(
    ctx: ParseContext, doc: JsonObject, path: str, parent_key: str | None, fmt: str
) -> None:
    """Read any VC: each subject with claims beyond id/type becomes one achievement."""
    record = ctx.add_credential(doc, fmt, path, parent_key)
    if NOT_LEARNER_TYPES.intersection(record.types):
        ctx.warnings.append("This is a status list that other credentials refer to, not a record.")
        return
    for subject_path, subject in subjects(doc, path):
        claims = flatten_claims(subject, subject_path)
        if not claims:
            continue
        achievement_id = ctx.achievement_id(record.content_sha256, subject_path)
        specific = [t for t in record.types if t != "VerifiableCredential"]
        item = Achievement(
            id=achievement_id,
            credential_key=record.key,
            title=record.name
            or _title_from_subject(subject)
            or (specific[0] if specific else None),
            type=specific[0] if specific else "Claim",
            issuer=record.issuer,
            issued=plain_text(doc.get("issuanceDate") or doc.get("validFrom")),
            valid_from=plain_text(doc.get("validFrom") or doc.get("issuanceDate")),
            valid_until=plain_text(doc.get("validUntil") or doc.get("expirationDate")),
            description=text(doc.get("description")),
            claims=[Claim(path=p.removeprefix(subject_path + "."), value=v) for p, v in claims],
            source=ctx.source(subject_path),
        )
        ctx.add_achievement(item)
        common = {
            "source_key": f"cred:{record.content_sha256}",
            "achievement_id": item.id,
            "issuer": item.issuer,
        }
        ctx.add_text(item.title, "achievement_name", json_path=child(path, "name"), **common)
        ctx.add_text(
            item.description, "description", json_path=child(path, "description"), **common
        )
        for claim_path, value in claims:
            ctx.add_text(value, "claim", json_path=claim_path, **common)


def flatten_claims(subject: JsonObject, path: str) -> list[tuple[str, str]]:
    """Text claims of a subject as (JSON path, value), depth-first in key order."""
    found: list[tuple[str, str]] = []

    def walk(value: Any, where: str) -> None:
        if len(found) >= _MAX_CLAIMS:
            return
        if isinstance(value, dict):
            for key in value:
                if key not in _SKIPPED_KEYS:
                    walk(value[key], child(where, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, child(where, index))
        else:
            rendered = plain_text(value) if not isinstance(value, bool) else str(value).lower()
            if rendered:
                found.append((where, rendered))

    walk(subject, path)
    return found


def _title_from_subject(subject: JsonObject) -> str | None:
    # A nested object's name ("hasCredential": {"name": "GT Guide"}) names the claim better than
    # the subject's own "name", which is usually the learner.
    for key, value in subject.items():
        if key not in _SKIPPED_KEYS and isinstance(value, dict) and text(value.get("name")):
            return text(value.get("name"))
    return None


def parse_presentation(ctx: ParseContext, doc: JsonObject, path: str) -> None:
    """Read every credential a Verifiable Presentation holds (objects or VC-JWT strings)."""
    held = items_at(doc, path, "verifiableCredential")
    for item, item_path in held:
        ctx.parse_nested(item, item_path, None)
    if not held:
        ctx.warnings.append("This presentation holds no credentials.")


def is_presentation(doc: JsonObject) -> bool:
    """True for a Verifiable Presentation."""
    return "VerifiablePresentation" in type_list(doc)
