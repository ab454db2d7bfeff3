"""Personal data removal before anything about the learner leaves this machine.

Two layers: patterns that catch personal data by its shape (emails, phone numbers, street
addresses, labelled ids and birth dates), and the exact values a profile holds under personal
keys (a credential subject's ``name``, ``email``, ``birthDate``, ``studentId`` ...), which no
pattern could recognise on its own. Without the learner's consent, only skills and achievements
are sent, with their text scrubbed; with consent, the shared profile is sent as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ler_navigator.models.ler import LearnerProfile

# Last keys of a claim path that hold personal data, compared without case, "_" or "-".
PERSONAL_KEYS = frozenset(
    {
        "name",
        "givenname",
        "familyname",
        "additionalname",
        "fullname",
        "firstname",
        "lastname",
        "middlename",
        "email",
        "emailaddress",
        "telephone",
        "phone",
        "phonenumber",
        "mobile",
        "birthdate",
        "dateofbirth",
        "dob",
        "address",
        "streetaddress",
        "postalcode",
        "zipcode",
        "addresslocality",
        "studentid",
        "employeeid",
        "learnerid",
        "identifier",
        "ssn",
        "nationalid",
        "personalid",
        "sourcedid",
    }
)
_NAME_KEYS = frozenset(
    {"name", "givenname", "familyname", "additionalname", "fullname", "firstname", "lastname"}
)

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = (
    rf"(?:\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\.?,?\s+\d{{4}})"
)
_STREET_TYPES = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|"
    r"Terrace|Ter|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Square|Sq|Trail|Trl)"
)

# Order matters: birth dates and labelled ids before bare phone-like digit runs.
PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "(email removed)"),
    (
        re.compile(
            rf"\b(?:date\s+of\s+birth|birth\s*date|d\.?o\.?b\.?|born(?:\s+on)?)\s*[:\-]?\s*{_DATE}",
            re.I,
        ),
        "(date of birth removed)",
    ),
    (
        re.compile(
            r"\b(?:student|employee|learner|staff|personnel|member|badge\s+holder|service)\s*"
            r"(?:id|identifier|number|no\.?|#)\s*[:#]?\s*[A-Za-z0-9][A-Za-z0-9-]{2,}",
            re.I,
        ),
        "(id removed)",
    ),
    (re.compile(r"\b\d{3}-\d{2}-\d{4}\b"), "(id removed)"),
    (
        re.compile(
            r"(?<![\w-])(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}\b"
        ),
        "(phone removed)",
    ),
    (
        re.compile(
            rf"\b\d{{1,6}}\s+(?:[A-Z0-9][\w'.-]*\s+){{1,4}}{_STREET_TYPES}\b\.?"
            r"(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|#)\.?\s*[\w-]+)?"
        ),
        "(address removed)",
    ),
    (
        re.compile(r"\b(?i:my\s+name\s+is|name\s*:)\s*[A-Z][\w'-]+(?:\s+[A-Z][\w.'-]*){0,3}"),
        "(name removed)",
    ),
)

_MIN_KNOWN_LENGTH = 3


def _key(path: str) -> str:
    last = re.split(r"[.\[\]]+", path.strip(".[]"))[-1] if path else ""
    return re.sub(r"[_\-\s]", "", last).lower()


def personal_values(profile: LearnerProfile | None) -> list[str]:
    """Exact personal values held by ``profile`` (names and their parts, emails, ids ...)."""
    if profile is None:
        return []
    found: set[str] = set()
    for achievement in profile.achievements:
        for claim in achievement.claims:
            key = _key(claim.path)
            parent = _key(claim.path.rsplit(".", 1)[0]) if "." in claim.path else ""
            if key not in PERSONAL_KEYS and parent not in {"address", "name"}:
                continue
            value = claim.value.strip()
            if len(value) >= _MIN_KNOWN_LENGTH:
                found.add(value)
            if key in _NAME_KEYS or parent == "name":
                # "Jane Q. Doe" also appears as "Jane" or "Doe" in free text.
                found.update(p for p in re.split(r"[\s,]+", value) if len(p) >= _MIN_KNOWN_LENGTH)
    for entry in profile.employment:
        if entry.location and re.search(r"\d", entry.location):
            found.add(entry.location.strip())
    # Longest first, so "Jane Doe" is replaced before "Jane".
    return sorted(found, key=lambda v: (-len(v), v))


def redact_text(text: str | None, known: Iterable[str] = ()) -> str:
    """``text`` with personal data replaced by short "(… removed)" notes.

    Args:
        text: free text from a record, a résumé or the learner's question.
        known: exact values to remove as well (see ``personal_values``).
    """
    if not text:
        return ""
    out = text
    for value in known:
        if len(value) >= _MIN_KNOWN_LENGTH:
            out = re.sub(
                rf"(?<!\w){re.escape(value)}(?!\w)", "(personal detail removed)", out, flags=re.I
            )
    for pattern, replacement in PATTERNS:
        out = pattern.sub(replacement, out)
    return out


def redact_profile(profile: LearnerProfile | None, consent: bool) -> dict[str, Any]:
    """What may be sent to a language model about the learner.

    Only what the learner shares is ever considered (excluded skills and achievements are
    dropped first). Without ``consent``: skill names with their trust level, and achievements'
    titles, types, issuers and scrubbed descriptions and claims; no employment, education,
    dates or files. With ``consent``: the shared profile's achievements, employment and
    education as they are.
    """
    if profile is None:
        return {}
    shared = profile.shared()
    skills = [{"name": s.name, "trust": s.best_trust} for s in shared.skills]
    if consent:
        return {
            "skills": skills,
            "achievements": [_achievement(a, keep_all=True, known=()) for a in shared.achievements],
            "employment": [
                _drop_empty(e.model_dump(exclude={"source", "trust"})) for e in shared.employment
            ],
            "education": [
                _drop_empty(e.model_dump(exclude={"source", "trust"})) for e in shared.education
            ],
        }
    known = personal_values(shared)
    return {
        "skills": skills,
        "achievements": [_achievement(a, keep_all=False, known=known) for a in shared.achievements],
    }


def _achievement(achievement: Any, *, keep_all: bool, known: Iterable[str]) -> dict[str, Any]:
    known = list(known)
    claims = [
        {"path": c.path, "value": c.value if keep_all else redact_text(c.value, known)}
        for c in achievement.claims
        if keep_all or (_key(c.path) not in PERSONAL_KEYS and "address" not in c.path.lower())
    ]
    item: dict[str, Any] = {
        "title": redact_text(achievement.title, known) if not keep_all else achievement.title,
        "type": achievement.type,
        "issuer": achievement.issuer.name if achievement.issuer else None,
        "field_of_study": achievement.field_of_study,
        "description": achievement.description
        if keep_all
        else redact_text(achievement.description, known),
        "trust": achievement.trust,
        "claims": claims,
    }
    if keep_all:
        item["issued"] = achievement.issued
        item["narratives"] = [e.narrative for e in achievement.evidence if e.narrative]
    return _drop_empty(item)


def _drop_empty(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if v not in (None, "", [], {})}
