"""Open Badges 3.0: OpenBadgeCredential / AchievementCredential and EndorsementCredential.

The achievement parts are shared with CLR 2.0, whose nested credentials are Open Badges 3.0.
"""

from __future__ import annotations

from typing import Any

from ler_navigator.ingest.context import ParseContext
from ler_navigator.ingest.fields import (
    JsonObject,
    as_list,
    child,
    issuer_ref,
    items_at,
    plain_text,
    text,
    type_list,
)
from ler_navigator.models.ler import (
    Achievement,
    AchievementEvidence,
    AchievementResult,
    Alignment,
    CredentialRecord,
    Endorsement,
    IssuerRef,
)

ENDORSEMENT_TYPE = "EndorsementCredential"


def parse_open_badge(
    ctx: ParseContext, doc: JsonObject, path: str, parent_key: str | None, fmt: str = "ob3"
) -> CredentialRecord:
    """Read an Open Badges 3.0 credential: one achievement per subject achievement."""
    record = ctx.add_credential(doc, fmt, path, parent_key)
    if ENDORSEMENT_TYPE in record.types:
        # An endorsement vouches for someone else's record; it is no achievement of the learner.
        ctx.warnings.append(
            "This is an endorsement of an issuer or achievement, not an achievement of yours."
        )
        return record
    issuer = record.issuer
    evidence = parse_evidence(doc.get("evidence"))
    endorsements = parse_endorsements(doc.get("endorsement"))
    for subject_path, subject in subjects(doc, path):
        for achievement, achievement_path in items_at(subject, subject_path, "achievement"):
            if not isinstance(achievement, dict):
                continue
            add_achievement(
                ctx,
                record,
                doc,
                subject,
                achievement,
                achievement_path,
                issuer=issuer,
                evidence=evidence,
                endorsements=endorsements,
            )
    return record


def subjects(doc: JsonObject, path: str) -> list[tuple[str, JsonObject]]:
    """The credential subjects with their JSON paths (one object or a list)."""
    raw = doc.get("credentialSubject")
    base = child(path, "credentialSubject")
    if isinstance(raw, list):
        return [(child(base, i), s) for i, s in enumerate(raw) if isinstance(s, dict)]
    return [(base, raw)] if isinstance(raw, dict) else []


def add_achievement(
    ctx: ParseContext,
    record: CredentialRecord,
    doc: JsonObject,
    subject: JsonObject,
    achievement: JsonObject,
    path: str,
    *,
    issuer: IssuerRef | None,
    evidence: list[AchievementEvidence] | None = None,
    endorsements: list[Endorsement] | None = None,
    results: bool = True,
) -> Achievement:
    """Build an achievement from an OB 3.0 ``Achievement`` object and offer its texts."""
    achievement_id = ctx.achievement_id(record.content_sha256, path)
    criteria = achievement.get("criteria")
    criteria_text = text(criteria.get("narrative")) if isinstance(criteria, dict) else None
    criteria_url = plain_text(criteria.get("id")) if isinstance(criteria, dict) else None
    if isinstance(criteria, str):
        criteria_url = criteria.strip() or None
    own_issuer = issuer or issuer_ref(achievement.get("creator"))
    item = Achievement(
        id=achievement_id,
        source_id=plain_text(achievement.get("id")),
        credential_key=record.key,
        title=text(achievement.get("name")),
        type=_achievement_type(achievement),
        issuer=own_issuer,
        issued=plain_text(
            doc.get("awardedDate") or doc.get("issuanceDate") or doc.get("validFrom")
        ),
        valid_from=plain_text(doc.get("validFrom") or doc.get("issuanceDate")),
        valid_until=plain_text(doc.get("validUntil") or doc.get("expirationDate")),
        description=text(achievement.get("description")),
        criteria=criteria_text,
        criteria_url=criteria_url,
        field_of_study=text(achievement.get("fieldOfStudy")),
        credits=plain_text(subject.get("creditsEarned") or achievement.get("creditsAvailable")),
        tags=[t for t in (text(tag) for tag in as_list(achievement.get("tag"))) if t],
        results=parse_results(subject, achievement) if results else [],
        alignments=[parse_alignment(a) for a in as_list(achievement.get("alignment")) if a],
        evidence=evidence or [],
        endorsements=[*parse_endorsements(achievement.get("endorsement")), *(endorsements or [])],
        trust="unverified",
        source=ctx.source(path),
    )
    ctx.add_achievement(item)
    offer_texts(ctx, item, achievement, path, f"cred:{record.content_sha256}")
    return item


def offer_badge_texts(
    ctx: ParseContext,
    item: Achievement,
    badge: JsonObject,
    path: str,
    source_key: str,
    *,
    tag_key: str,
) -> None:
    """Texts every badge version has: name, description, criteria, tags and alignments.

    Open Badges 3.0 calls the tag list ``tag``, 2.0 calls it ``tags``.
    """
    common = {"source_key": source_key, "achievement_id": item.id, "issuer": item.issuer}
    ctx.add_text(item.title, "achievement_name", json_path=child(path, "name"), **common)
    ctx.add_text(item.description, "description", json_path=child(path, "description"), **common)
    ctx.add_text(
        item.criteria, "criteria", json_path=child(child(path, "criteria"), "narrative"), **common
    )
    for index, tag in enumerate(as_list(badge.get(tag_key))):
        ctx.add_text(
            text(tag), "tag", json_path=child(child(path, tag_key), index), is_name=True, **common
        )
    for index, raw in enumerate(as_list(badge.get("alignment"))):
        if isinstance(raw, dict):
            ctx.add_text(
                text(raw.get("targetName")),
                "alignment",
                json_path=child(child(path, "alignment"), index),
                alignment=parse_alignment(raw),
                **common,
            )


def offer_texts(
    ctx: ParseContext, item: Achievement, achievement: JsonObject, path: str, source_key: str
) -> None:
    """Offer every text of an achievement that may name a skill."""
    offer_badge_texts(ctx, item, achievement, path, source_key, tag_key="tag")
    common = {"source_key": source_key, "achievement_id": item.id, "issuer": item.issuer}
    ctx.add_text(
        item.field_of_study, "field_of_study", json_path=child(path, "fieldOfStudy"), **common
    )
    for index, description in enumerate(as_list(achievement.get("resultDescription"))):
        if not isinstance(description, dict):
            continue
        base = child(child(path, "resultDescription"), index)
        ctx.add_text(
            text(description.get("name")), "result", json_path=child(base, "name"), **common
        )
        for level_index, level in enumerate(as_list(description.get("rubricCriterionLevel"))):
            if isinstance(level, dict):
                ctx.add_text(
                    text(level.get("description")),
                    "result",
                    json_path=child(
                        child(child(base, "rubricCriterionLevel"), level_index), "description"
                    ),
                    **common,
                )


def parse_alignment(raw: Any) -> Alignment:
    """An OB 2.0 / 3.0 / CLR alignment object (a bare string is taken as the target URL)."""
    if not isinstance(raw, dict):
        return Alignment(target_url=plain_text(raw))
    target_type = raw.get("targetType")
    return Alignment(
        target_name=text(raw.get("targetName")),
        target_code=plain_text(raw.get("targetCode")),
        target_framework=text(raw.get("targetFramework")),
        target_url=plain_text(raw.get("targetUrl") or raw.get("url")),
        target_type=plain_text(target_type),
        target_description=text(raw.get("targetDescription")),
    )


def parse_results(subject: JsonObject, achievement: JsonObject) -> list[AchievementResult]:
    """Results of the subject, named after the achievement's result descriptions."""
    names = {
        plain_text(d.get("id")): text(d.get("name"))
        for d in as_list(achievement.get("resultDescription"))
        if isinstance(d, dict)
    }
    results = []
    for raw in as_list(subject.get("result")):
        if not isinstance(raw, dict):
            continue
        reference = plain_text(raw.get("resultDescription"))
        results.append(
            AchievementResult(
                name=names.get(reference) if reference else None,
                value=plain_text(raw.get("value")),
                status=plain_text(raw.get("status")),
                achieved_level=plain_text(raw.get("achievedLevel")),
            )
        )
    return results


def parse_evidence(raw: Any) -> list[AchievementEvidence]:
    """Evidence given as URLs or objects."""
    items = []
    for entry in as_list(raw):
        if isinstance(entry, str):
            items.append(AchievementEvidence(id=entry.strip() or None))
        elif isinstance(entry, dict):
            items.append(
                AchievementEvidence(
                    id=plain_text(entry.get("id")),
                    name=text(entry.get("name")),
                    narrative=text(entry.get("narrative")),
                    description=text(entry.get("description")),
                    genre=text(entry.get("genre")),
                )
            )
    return items


def parse_endorsements(raw: Any) -> list[Endorsement]:
    """Embedded EndorsementCredentials, summarised; they are not verified here."""
    items = []
    for entry in as_list(raw):
        if not isinstance(entry, dict):
            continue
        subject = entry.get("credentialSubject")
        comment = text(subject.get("endorsementComment")) if isinstance(subject, dict) else None
        items.append(
            Endorsement(
                credential_id=plain_text(entry.get("id")),
                issuer=issuer_ref(entry.get("issuer")),
                comment=comment,
            )
        )
    return items


def _achievement_type(achievement: JsonObject) -> str | None:
    declared = text(achievement.get("achievementType"))
    if declared:
        return declared
    kinds = [t for t in type_list(achievement) if t != "Achievement"]
    return kinds[0] if kinds else "Achievement"
