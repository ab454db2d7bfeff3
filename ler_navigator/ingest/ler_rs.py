"""HR Open LER-RS résumés, bare or wrapped in a Verifiable Credential.

What the learner states about themselves (employment, skills, narratives, degrees listed in the
résumé) is ``self_reported``. Credentials embedded under ``verifications`` are read as
credentials of their own (``unverified`` until the verification step checks them).
"""

from __future__ import annotations

from typing import Any

from ler_navigator.ingest.context import ParseContext
from ler_navigator.ingest.fields import (
    JsonObject,
    as_list,
    child,
    issuer_ref,
    plain_text,
    text,
    type_list,
)
from ler_navigator.models.ler import (
    Achievement,
    CredentialRecord,
    EducationEntry,
    EmploymentEntry,
    IssuerRef,
    Trust,
)

LER_RS_MARK = "LER-RS"
_RESUME_KEYS = ("employmentHistories", "educationAndLearnings", "certifications", "licenses")


def looks_like_ler_rs(doc: JsonObject) -> bool:
    """True for an LER-RS résumé or a VC wrapping one."""
    if any(LER_RS_MARK in t for t in type_list(doc)):
        return True
    subject = doc.get("credentialSubject")
    if isinstance(subject, dict) and any(LER_RS_MARK in t for t in type_list(subject)):
        return True
    contexts = [c for c in as_list(doc.get("@context")) if isinstance(c, str)]
    if any("hropenstandards.org" in c for c in contexts):
        return True
    return "person" in doc and any(key in doc for key in _RESUME_KEYS)


def parse_ler_rs(
    ctx: ParseContext, doc: JsonObject, path: str, parent_key: str | None, fmt: str = "ler-rs"
) -> None:
    """Read education, certifications, licences, employment, skills and narratives."""
    record = ctx.add_credential(doc, fmt, path, parent_key)
    resume, base = doc, path
    if isinstance(doc.get("credentialSubject"), dict):
        resume, base = doc["credentialSubject"], child(path, "credentialSubject")
    reader = _ResumeReader(ctx, record)
    reader.education(resume.get("educationAndLearnings"), child(base, "educationAndLearnings"))
    for key, kind in (("certifications", "Certification"), ("licenses", "License")):
        reader.certifications(resume.get(key), child(base, key), kind)
    reader.employment(resume.get("employmentHistories"), child(base, "employmentHistories"))
    reader.skills(resume, base)
    reader.narratives(resume.get("narratives"), child(base, "narratives"))


class _ResumeReader:
    def __init__(self, ctx: ParseContext, record: CredentialRecord) -> None:
        self.ctx = ctx
        self.record = record
        self.source_key = f"cred:{record.content_sha256}"

    # ---------------------------------------------------------------- education
    def education(self, entries: Any, path: str) -> None:
        for index, entry in enumerate(as_list(entries)):
            if not isinstance(entry, dict):
                continue
            where = child(path, index)
            self._degrees(entry, where, self.record, "self_reported", None)
            for v_index, item in enumerate(as_list(entry.get("verifications"))):
                v_path = child(child(where, "verifications"), v_index)
                subject = item.get("credentialSubject") if isinstance(item, dict) else None
                if isinstance(subject, dict) and isinstance(
                    subject.get("educationAndLearning"), dict
                ):
                    # A transcript credential in LER-RS shape: its degrees come from the issuer.
                    nested = self.ctx.add_credential(item, "ler-rs", v_path, self.record.key)
                    self._degrees(
                        subject["educationAndLearning"],
                        child(child(v_path, "credentialSubject"), "educationAndLearning"),
                        nested,
                        "unverified",
                        nested.issuer,
                    )
                elif isinstance(item, dict | str) and _is_embedded_credential(item):
                    self.ctx.parse_nested(item, v_path, self.record.key)

    def _degrees(
        self,
        entry: JsonObject,
        path: str,
        record: CredentialRecord,
        trust: Trust,
        issuer: IssuerRef | None,
    ) -> None:
        institution = _organization_name(entry.get("institution"))
        own_issuer = issuer
        if institution:
            own_issuer = IssuerRef(id=issuer.id if issuer else None, name=institution)
        for index, degree in enumerate(as_list(entry.get("educationDegrees"))):
            if not isinstance(degree, dict) or not text(degree.get("name")):
                continue
            where = child(child(path, "educationDegrees"), index)
            fields = [
                text(s.get("name"))
                for s in as_list(degree.get("specializations"))
                if isinstance(s, dict)
            ]
            field_of_study = ", ".join(f for f in fields if f) or None
            status = text(degree.get("degreeGrantedStatus"))
            name = text(degree.get("name"))
            item = Achievement(
                id=self.ctx.achievement_id(record.content_sha256, where),
                credential_key=record.key,
                title=name,
                type="Degree",
                issuer=own_issuer,
                issued=plain_text(degree.get("date")),
                valid_from=plain_text(entry.get("start")),
                description=status,
                field_of_study=field_of_study,
                trust=trust,
                source=self.ctx.source(where),
            )
            self.ctx.add_achievement(item)
            self.ctx.education.append(
                EducationEntry(
                    institution=institution,
                    degree=name,
                    field_of_study=field_of_study,
                    status=status,
                    start=plain_text(entry.get("start")),
                    end=plain_text(entry.get("end") or degree.get("date")),
                    trust=trust,
                    source=self.ctx.source(where),
                )
            )
            common = {
                "source_key": f"cred:{record.content_sha256}",
                "achievement_id": item.id,
                "issuer": own_issuer,
                "trust": trust,
            }
            self.ctx.add_text(name, "achievement_name", json_path=child(where, "name"), **common)
            self.ctx.add_text(
                field_of_study,
                "field_of_study",
                json_path=child(where, "specializations"),
                **common,
            )

    # ---------------------------------------------------------------- certifications, licences
    def certifications(self, entries: Any, path: str, kind: str) -> None:
        for index, entry in enumerate(as_list(entries)):
            if not isinstance(entry, dict):
                continue
            where = child(path, index)
            first_nested = len(self.ctx.achievements)
            for v_index, item in enumerate(as_list(entry.get("verifications"))):
                if _is_embedded_credential(item):
                    self.ctx.parse_nested(
                        item, child(child(where, "verifications"), v_index), self.record.key
                    )
            name = text(entry.get("name"))
            nested_titles = {
                (a.title or "").casefold() for a in self.ctx.achievements[first_nested:]
            }
            if not name or name.casefold() in nested_titles:
                continue
            period = entry.get("effectiveTimePeriod")
            period = period if isinstance(period, dict) else {}
            issuer = issuer_ref(entry.get("issuingAuthority"))
            authority = _organization_name(entry.get("issuingAuthority"))
            if authority:
                issuer = IssuerRef(id=issuer.id if issuer else None, name=authority)
            references = [
                plain_text(v.get("reference"))
                for v in as_list(entry.get("verifications"))
                if isinstance(v, dict)
            ]
            item = Achievement(
                id=self.ctx.achievement_id(self.record.content_sha256, where),
                credential_key=self.record.key,
                title=name,
                type=kind,
                issuer=issuer,
                issued=plain_text(entry.get("firstIssued")),
                valid_from=plain_text(period.get("validFrom")),
                valid_until=plain_text(period.get("validTo")),
                description=text(entry.get("status")),
                reference=next((r for r in references if r), None),
                trust="self_reported",
                source=self.ctx.source(where),
            )
            self.ctx.add_achievement(item)
            self.ctx.add_text(
                name,
                "achievement_name",
                json_path=child(where, "name"),
                source_key=self.source_key,
                achievement_id=item.id,
                issuer=issuer,
                trust="self_reported",
            )

    # ---------------------------------------------------------------- employment
    def employment(self, entries: Any, path: str) -> None:
        for index, entry in enumerate(as_list(entries)):
            if not isinstance(entry, dict):
                continue
            where = child(path, index)
            organization = _organization_name(entry.get("organization"))
            for p_index, position in enumerate(as_list(entry.get("positionHistories"))):
                if not isinstance(position, dict):
                    continue
                p_path = child(child(where, "positionHistories"), p_index)
                descriptions = [
                    text(d) for d in as_list(position.get("descriptions")) if text(d)
                ] or [
                    text(d)
                    for d in as_list(_dict(position.get("location")).get("descriptions"))
                    if text(d)
                ]
                location = _dict(position.get("location"))
                self.ctx.employment.append(
                    EmploymentEntry(
                        organization=organization,
                        title=text(position.get("title")),
                        start=plain_text(position.get("start")),
                        end=plain_text(position.get("end")),
                        current=position.get("current")
                        if isinstance(position.get("current"), bool)
                        else None,
                        location=text(location.get("city")),
                        description="\n".join(d for d in descriptions if d) or None,
                        source=self.ctx.source(p_path),
                    )
                )
                self.ctx.add_text(
                    text(position.get("title")),
                    "free_text",
                    json_path=child(p_path, "title"),
                    source_key=self.source_key,
                    trust="self_reported",
                )
                for d_index, description in enumerate(descriptions):
                    self.ctx.add_text(
                        description,
                        "free_text",
                        json_path=child(child(p_path, "descriptions"), d_index),
                        source_key=self.source_key,
                        trust="self_reported",
                    )

    # ---------------------------------------------------------------- skills, narratives
    def skills(self, resume: JsonObject, path: str) -> None:
        for key in ("skills", "competencies"):
            for index, entry in enumerate(as_list(resume.get(key))):
                where = child(child(path, key), index)
                name = text(entry)
                self.ctx.add_text(
                    name,
                    "competency",
                    json_path=child(where, "name") if isinstance(entry, dict) else where,
                    source_key=self.source_key,
                    trust="self_reported",
                    is_name=True,
                )
                if isinstance(entry, dict):
                    for c_index, comment in enumerate(as_list(entry.get("comments"))):
                        self.ctx.add_text(
                            text(comment),
                            "free_text",
                            json_path=child(child(where, "comments"), c_index),
                            source_key=self.source_key,
                            trust="self_reported",
                        )

    def narratives(self, entries: Any, path: str) -> None:
        for index, entry in enumerate(as_list(entries)):
            if not isinstance(entry, dict):
                continue
            for t_index, block in enumerate(as_list(entry.get("texts"))):
                if not isinstance(block, dict):
                    continue
                base = child(child(child(path, index), "texts"), t_index)
                for l_index, line in enumerate(as_list(block.get("lines"))):
                    self.ctx.add_text(
                        text(line),
                        "free_text",
                        json_path=child(child(base, "lines"), l_index),
                        source_key=self.source_key,
                        trust="self_reported",
                    )


def _is_embedded_credential(item: Any) -> bool:
    if isinstance(item, str):
        return item.count(".") == 2 and not item.startswith("http")
    return isinstance(item, dict) and (
        "credentialSubject" in item or "VerifiableCredential" in type_list(item)
    )


def _organization_name(value: Any) -> str | None:
    if isinstance(value, dict):
        return text(value.get("name")) or text(value.get("tradeName"))
    return text(value)


def _dict(value: Any) -> JsonObject:
    return value if isinstance(value, dict) else {}
