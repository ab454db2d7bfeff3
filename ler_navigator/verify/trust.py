"""Carry verification results into a parsed upload: each credential's verdict becomes the
trust level of the achievements and skill evidence read from it."""

from __future__ import annotations

from collections.abc import Sequence

from ler_navigator.ingest.result import ParsedFile
from ler_navigator.models.ler import Trust
from ler_navigator.models.verification import TrustLevel, VerificationResult

# Verifier verdict -> evidence trust. An unsigned credential stays "unverified": it is a real
# credential file, but nothing vouches that it is unchanged.
TRUST_OF: dict[TrustLevel, Trust] = {
    TrustLevel.VERIFIED: "verified",
    TrustLevel.SIGNED_UNBOUND_KEY: "signed_unbound_key",
    TrustLevel.UNSIGNED: "unverified",
    TrustLevel.FAILED: "failed",
}


def apply_verification(parsed: ParsedFile, results: Sequence[VerificationResult]) -> ParsedFile:
    """A copy of ``parsed`` whose credential-backed evidence carries the verifier's verdicts.

    Results are matched to credentials by their JSON path inside the file. Résumé text and
    typed skills are left as they are.
    """
    by_path = {r.json_path: TRUST_OF[r.trust] for r in results}
    by_key: dict[str, Trust] = {}
    for record in parsed.credentials:
        trust = by_path.get(record.json_path)
        if trust is not None:
            # Achievements point at the credential's identity, skill evidence at its content.
            by_key[record.key] = trust
            by_key[f"cred:{record.content_sha256}"] = trust
    if not by_key:
        return parsed
    achievements = [
        a.model_copy(update={"trust": by_key[a.credential_key]})
        if a.credential_key in by_key
        else a
        for a in parsed.achievements
    ]
    skills = []
    for skill in parsed.skills:
        evidence = [
            e.model_copy(update={"trust": by_key[e.source_key]}) if e.source_key in by_key else e
            for e in skill.evidence
        ]
        skills.append(skill.model_copy(update={"evidence": evidence}))
    return parsed.model_copy(update={"achievements": achievements, "skills": skills})
