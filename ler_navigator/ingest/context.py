"""The state shared by the parsers while one upload is read."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ler_navigator.ingest.errors import InputTooComplexError
from ler_navigator.ingest.fields import canonical_json, content_digest, sha256_hex, type_list
from ler_navigator.ingest.limits import IngestLimits
from ler_navigator.ingest.result import SkillText
from ler_navigator.models.ler import (
    Achievement,
    Alignment,
    CredentialRecord,
    EducationEntry,
    EmploymentEntry,
    IssuerRef,
    SkillOrigin,
    SourceRef,
    Trust,
)

# Parses a credential found inside another one (CLR, presentation, LER-RS); set by the registry
# so that format modules do not import each other.
NestedParser = Callable[["ParseContext", Any, str, str | None], None]


@dataclass
class ParseContext:
    """Accumulates what the parsers find in one upload and enforces the limits."""

    file: str
    limits: IngestLimits
    format: str = "unknown"
    container: str | None = None
    nested: NestedParser | None = None
    # Trusted local documents by id (badge classes, issuer profiles) for hosted OB 2.0 badges.
    documents: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    depth: int = 0
    credentials: list[CredentialRecord] = field(default_factory=list)
    achievements: list[Achievement] = field(default_factory=list)
    employment: list[EmploymentEntry] = field(default_factory=list)
    education: list[EducationEntry] = field(default_factory=list)
    skill_texts: list[SkillText] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def source(self, json_path: str | None, fmt: str | None = None) -> SourceRef:
        """Where a record sits in this upload."""
        return SourceRef(
            file=self.file, format=fmt or self.format, json_path=json_path, container=self.container
        )

    def add_credential(
        self, doc: dict[str, Any], fmt: str, json_path: str, parent_key: str | None
    ) -> CredentialRecord:
        """Record a credential; its key is its id, else the digest of its canonical JSON."""
        from ler_navigator.ingest.fields import issuer_ref, plain_text, text

        credential_id = plain_text(doc.get("id"))
        digest = content_digest(doc)
        record = CredentialRecord(
            key=f"id:{credential_id}"
            if credential_id
            else f"sha256:{sha256_hex(canonical_json(doc))}",
            content_sha256=digest,
            id=credential_id,
            types=type_list(doc),
            name=text(doc.get("name")),
            issuer=issuer_ref(doc.get("issuer")),
            format=fmt,
            file=self.file,
            json_path=json_path,
            parent_key=parent_key,
        )
        self.credentials.append(record)
        return record

    def achievement_id(self, content_sha256: str, json_path: str) -> str:
        """A stable achievement id: same credential content and place, same id."""
        return "ach:" + sha256_hex(f"{content_sha256}#{json_path}")[:16]

    def add_achievement(self, achievement: Achievement) -> None:
        """Keep an achievement, refusing uploads with an unreasonable number of them."""
        if len(self.achievements) >= self.limits.max_achievements:
            raise InputTooComplexError(
                f"This file lists more than {self.limits.max_achievements} achievements, "
                "more than we read from one upload.",
                hint="Split the record into smaller files or share the credentials one by one.",
            )
        self.achievements.append(achievement)

    def add_text(
        self,
        value: str | None,
        origin: SkillOrigin,
        *,
        source_key: str,
        json_path: str | None,
        achievement_id: str | None = None,
        issuer: IssuerRef | None = None,
        trust: Trust = "unverified",
        alignment: Alignment | None = None,
        is_name: bool = False,
    ) -> None:
        """Offer a text to the skill step, with where it came from."""
        if (value and value.strip()) or alignment is not None:
            self.skill_texts.append(
                SkillText(
                    text=value or "",
                    origin=origin,
                    source_key=source_key,
                    json_path=json_path,
                    achievement_id=achievement_id,
                    issuer=issuer,
                    trust=trust,
                    alignment=alignment,
                    is_name=is_name,
                )
            )

    def parse_nested(self, doc: Any, json_path: str, parent_key: str | None) -> None:
        """Parse a credential held inside another one, within the nesting limit."""
        if self.nested is None:  # pragma: no cover - the registry always sets it
            return
        if self.depth >= self.limits.max_nesting:
            raise InputTooComplexError(
                "This record nests credentials inside credentials too deeply to read safely.",
                hint="Upload the inner credentials as separate files.",
            )
        self.depth += 1
        try:
            self.nested(self, doc, json_path, parent_key)
        finally:
            self.depth -= 1
