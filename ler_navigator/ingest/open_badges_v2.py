"""Open Badges 2.0 and 1.0 assertions: hosted JSON, signed JWS payloads and baked images.

An assertion often names its badge and issuer by URL only. Those documents are read from the
trusted local documents (``Settings.local_docs_dir``) when present; otherwise the achievement
keeps the URL as its ``reference`` and the learner is told that the details were not included.
"""

from __future__ import annotations

from typing import Any

from ler_navigator.ingest.context import ParseContext
from ler_navigator.ingest.fields import (
    JsonObject,
    as_list,
    child,
    plain_text,
    text,
)
from ler_navigator.ingest.open_badges import offer_badge_texts, parse_alignment, parse_evidence
from ler_navigator.models.ler import Achievement, IssuerRef

OB2_CONTEXT_MARK = "w3id.org/openbadges"


def looks_like_ob2(doc: JsonObject) -> bool:
    """True for an OB 2.0 assertion or an OB 1.0 / legacy baked assertion."""
    contexts = [c for c in as_list(doc.get("@context")) if isinstance(c, str)]
    if any(OB2_CONTEXT_MARK in c for c in contexts):
        return True
    if doc.get("type") == "Assertion":
        return True
    return "badge" in doc and any(k in doc for k in ("recipient", "uid", "verify", "issuedOn"))


def parse_ob2_assertion(
    ctx: ParseContext, doc: JsonObject, path: str, parent_key: str | None, fmt: str = "ob2"
) -> None:
    """Read one assertion: its badge becomes one achievement."""
    record = ctx.add_credential(doc, fmt, path, parent_key)
    raw_badge = doc.get("badge")
    if raw_badge is None:
        ctx.warnings.append(
            "This badge file carries no badge: it only points to where the badge was once "
            "published, so there is nothing to show from it."
        )
        return
    badge, reference = _resolve(ctx, raw_badge)
    badge_path = child(path, "badge")
    issuer = None
    if badge is not None:
        resolved, issuer_url = _resolve(ctx, badge.get("issuer"))
        if resolved is not None:
            # OB 1.0 issuers have a name and an origin URL but no id.
            issuer = IssuerRef(
                id=plain_text(resolved.get("id"))
                or issuer_url
                or plain_text(resolved.get("origin")),
                name=text(resolved.get("name")),
            )
        elif issuer_url:
            issuer = IssuerRef(id=issuer_url)
    else:
        ctx.warnings.append(
            f"The badge details are published at {reference} and were not included in the file; "
            "only the award itself could be read."
        )
    criteria = badge.get("criteria") if badge else None
    item = Achievement(
        id=ctx.achievement_id(record.content_sha256, badge_path),
        source_id=plain_text(badge.get("id")) if badge else reference,
        credential_key=record.key,
        title=text(badge.get("name")) if badge else None,
        type=text(badge.get("achievementType")) if badge else None,
        issuer=issuer,
        issued=plain_text(doc.get("issuedOn") or doc.get("issued_on")),
        valid_until=plain_text(doc.get("expires")),
        description=text(badge.get("description")) if badge else None,
        criteria=text(criteria.get("narrative")) if isinstance(criteria, dict) else None,
        criteria_url=_criteria_url(criteria),
        tags=[t for t in (text(x) for x in as_list(badge.get("tags"))) if t] if badge else [],
        alignments=[parse_alignment(a) for a in as_list(badge.get("alignment")) if a]
        if badge
        else [],
        evidence=parse_evidence(doc.get("evidence")),
        reference=None if badge is not None and isinstance(raw_badge, dict) else reference,
        source=ctx.source(badge_path),
    )
    ctx.add_achievement(item)
    if badge is not None:
        offer_badge_texts(
            ctx, item, badge, badge_path, f"cred:{record.content_sha256}", tag_key="tags"
        )


def _resolve(ctx: ParseContext, value: Any) -> tuple[JsonObject | None, str | None]:
    """An embedded object, or the local document a URL names; plus the URL."""
    if isinstance(value, dict):
        return value, plain_text(value.get("id"))
    url = plain_text(value)
    if url and url in ctx.documents:
        return ctx.documents[url], url
    return None, url


def _criteria_url(criteria: Any) -> str | None:
    if isinstance(criteria, dict):
        return plain_text(criteria.get("id"))
    return plain_text(criteria)
