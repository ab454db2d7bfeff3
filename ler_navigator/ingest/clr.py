"""CLR 2.0: a ClrCredential with nested credentials, its own achievement list and associations."""

from __future__ import annotations

from ler_navigator.ingest.context import ParseContext
from ler_navigator.ingest.fields import JsonObject, as_list, issuer_ref, items_at, plain_text, text
from ler_navigator.ingest.open_badges import add_achievement, subjects
from ler_navigator.models.ler import Association, IssuerRef

CLR_TYPE = "ClrCredential"


def parse_clr(
    ctx: ParseContext, doc: JsonObject, path: str, parent_key: str | None, fmt: str = "clr2"
) -> None:
    """Read a CLR: every nested credential with its own issuer, then the listed achievements.

    A listed achievement that a nested credential already awarded (same achievement id and
    name) is not repeated; one that only shares the id is kept, because real CLRs reuse ids.
    """
    record = ctx.add_credential(doc, fmt, path, parent_key)
    first_new = len(ctx.achievements)
    for subject_path, subject in subjects(doc, path):
        for nested, nested_path in items_at(subject, subject_path, "verifiableCredential"):
            ctx.parse_nested(nested, nested_path, record.key)

        awarded = {(a.source_id, a.title) for a in ctx.achievements[first_new:]}
        for achievement, achievement_path in items_at(subject, subject_path, "achievement"):
            if not isinstance(achievement, dict):
                continue
            key = (plain_text(achievement.get("id")), text(achievement.get("name")))
            if key in awarded:
                continue
            awarded.add(key)
            add_achievement(
                ctx,
                record,
                doc,
                subject,
                achievement,
                achievement_path,
                issuer=_creator(achievement, record.issuer),
                results=False,
            )

        _attach_associations(ctx, subject, first_new)


def _creator(achievement: JsonObject, clr_issuer: IssuerRef | None) -> IssuerRef | None:
    """The achievement's creator; the CLR issuer when there is none or it is the same id."""
    creator = issuer_ref(achievement.get("creator"))
    if creator is None:
        return clr_issuer
    if clr_issuer is not None and creator.id == clr_issuer.id and not creator.name:
        return clr_issuer
    return creator


def _attach_associations(ctx: ParseContext, subject: JsonObject, first_new: int) -> None:
    links: dict[str, list[Association]] = {}
    for raw in as_list(subject.get("association")):
        if not isinstance(raw, dict):
            continue
        source, target = plain_text(raw.get("sourceId")), plain_text(raw.get("targetId"))
        kind = plain_text(raw.get("associationType"))
        if source and target and kind:
            links.setdefault(source, []).append(
                Association(association_type=kind, target_id=target)
            )
    if not links:
        return
    for index in range(first_new, len(ctx.achievements)):
        achievement = ctx.achievements[index]
        if achievement.source_id in links:
            ctx.achievements[index] = achievement.model_copy(
                update={"associations": links[achievement.source_id]}
            )
