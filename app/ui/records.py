"""The learner's records in one browser session: uploads read once, and what they chose to share.

Everything here works on a plain mapping (``st.session_state`` in the app, a dict in tests), so
the upload logic is tested without a browser. Nothing is written to disk: records live only as
long as the session.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ler_navigator.models.ler import Achievement, LearnerProfile
from ler_navigator.models.records import UploadedRecord
from ler_navigator.models.verification import VerificationResult

Session = MutableMapping[str, Any]

RECORDS_KEY = "learner_records"  # dict: sha256 -> UploadedRecord, in the order they were added
RAW_KEY = "learner_raw_files"  # dict: sha256 -> the bytes as uploaded (for exporting a learner)
READ_UPLOADS_KEY = "learner_read_uploads"  # uploader file ids already read
UPLOADER_ROUND_KEY = "learner_uploader_round"  # a new round gives a new, empty uploader
NOTICES_KEY = "learner_notices"  # one-off messages for the next run of the script
TYPED_SKILLS_KEY = "learner_typed_skills"
PASTE_KEY = "learner_pasted_text"
HIDDEN_SKILLS_KEY = "learner_hidden_skills"  # skill ids left out of suggestions
SHARE_ACHIEVEMENT_PREFIX = "learner_share:"  # + achievement id -> bool (checkbox)
OWNER_KEY = "id"  # the learner these records belong to, in a navigator's workspace

PASTED_NAME = "pasted text"


class UploadReader(Protocol):
    def read_upload(self, data: bytes, filename: str) -> UploadedRecord: ...


class ProfileBuilder(Protocol):
    def build_profile(
        self,
        records: Sequence[UploadedRecord] = (),
        *,
        typed_skills: str | None = None,
        pasted_text: str | None = None,
    ) -> LearnerProfile: ...


class UploadedFileLike(Protocol):
    """What the app needs from Streamlit's ``UploadedFile``."""

    file_id: str
    name: str

    def getvalue(self) -> bytes: ...


@dataclass(frozen=True)
class AddOutcome:
    """What adding one file did: the record, and whether it was new."""

    record: UploadedRecord
    added: bool


# ---------------------------------------------------------------- the store
def init_records(session: Session) -> None:
    """Give a new session an empty set of records."""
    session.setdefault(RECORDS_KEY, {})
    session.setdefault(RAW_KEY, {})
    session.setdefault(READ_UPLOADS_KEY, set())
    session.setdefault(UPLOADER_ROUND_KEY, 0)
    session.setdefault(NOTICES_KEY, [])
    session.setdefault(TYPED_SKILLS_KEY, "")
    session.setdefault(PASTE_KEY, "")
    session.setdefault(HIDDEN_SKILLS_KEY, [])


def records(session: Session) -> list[UploadedRecord]:
    """Every record added so far (readable or not), oldest first."""
    return list(session.get(RECORDS_KEY, {}).values())


def readable_records(session: Session) -> list[UploadedRecord]:
    """The records that were read; failed uploads are shown but never matched."""
    return [r for r in records(session) if r.ok]


def add_bytes(session: Session, reader: UploadReader, data: bytes, filename: str) -> AddOutcome:
    """Read one file into the session; the same content twice is one record."""
    store = session.setdefault(RECORDS_KEY, {})
    digest = hashlib.sha256(data).hexdigest()
    if digest in store:
        return AddOutcome(store[digest], added=False)
    record = reader.read_upload(data, filename)
    store[record.sha256] = record
    session.setdefault(RAW_KEY, {})[record.sha256] = data
    return AddOutcome(record, added=True)


def add_uploaded_files(
    session: Session, reader: UploadReader, files: Iterable[UploadedFileLike]
) -> list[AddOutcome]:
    """Read the uploader's files that were not read yet (Streamlit hands them over every run)."""
    read = session.setdefault(READ_UPLOADS_KEY, set())
    outcomes = []
    for file in files:
        if file.file_id in read:
            continue
        read.add(file.file_id)
        outcomes.append(add_bytes(session, reader, file.getvalue(), file.name))
    return outcomes


def add_pasted_text(session: Session, reader: UploadReader, text: str) -> AddOutcome | None:
    """Read pasted JSON, a JWT or résumé text like an uploaded file; None when it is blank."""
    cleaned = text.strip()
    if not cleaned:
        return None
    data = cleaned.encode("utf-8")
    name = f"{PASTED_NAME} {hashlib.sha256(data).hexdigest()[:8]}"
    return add_bytes(session, reader, data, name)


def remove_record(session: Session, sha256: str) -> None:
    """Forget one record; the uploader starts empty so it cannot come back by itself."""
    session.setdefault(RECORDS_KEY, {}).pop(sha256, None)
    session.setdefault(RAW_KEY, {}).pop(sha256, None)
    next_uploader(session)


def clear_records(session: Session) -> None:
    """Forget every record, the typed skills, the pasted text and the sharing choices."""
    session[RECORDS_KEY] = {}
    session[RAW_KEY] = {}
    session[READ_UPLOADS_KEY] = set()
    session[TYPED_SKILLS_KEY] = ""
    session[PASTE_KEY] = ""
    session[HIDDEN_SKILLS_KEY] = []
    session[NOTICES_KEY] = []
    for key in [k for k in session if str(k).startswith(SHARE_ACHIEVEMENT_PREFIX)]:
        del session[key]
    next_uploader(session)


def next_uploader(session: Session) -> None:
    """Replace the file uploader with an empty one on the next run."""
    session[UPLOADER_ROUND_KEY] = session.get(UPLOADER_ROUND_KEY, 0) + 1


def uploader_key(session: Session) -> str:
    """The uploader's widget key: new after every upload, and never the same for two learners."""
    owner = session.get(OWNER_KEY)
    prefix = f"learner_uploader_{owner}_" if owner else "learner_uploader_"
    return f"{prefix}{session.get(UPLOADER_ROUND_KEY, 0)}"


# ---------------------------------------------------------------- notices
def describe_outcomes(outcomes: Iterable[AddOutcome]) -> list[str]:
    """One line per file that needs a word: already added, or read with warnings."""
    notes = []
    for outcome in outcomes:
        if not outcome.added:
            notes.append(f"“{outcome.record.file}” is already in your records.")
    return notes


def push_notices(session: Session, notes: Iterable[str]) -> None:
    session.setdefault(NOTICES_KEY, []).extend(notes)


def take_notices(session: Session) -> list[str]:
    """Notices for this run, removed so they show once."""
    notes = list(session.get(NOTICES_KEY, []))
    session[NOTICES_KEY] = []
    return notes


# ---------------------------------------------------------------- profile and sharing
def typed_skills(session: Session) -> str | None:
    text = str(session.get(TYPED_SKILLS_KEY) or "").strip()
    return text or None


def build_profile(session: Session, builder: ProfileBuilder) -> LearnerProfile:
    """The learner's whole profile: readable records plus typed skills.

    Raises:
        NavigatorError: when the service cannot read the typed skills.
    """
    return builder.build_profile(readable_records(session), typed_skills=typed_skills(session))


def is_empty(profile: LearnerProfile) -> bool:
    """True when nothing at all was read (no achievements, skills, jobs or schooling)."""
    return not (
        profile.achievements
        or profile.skills
        or profile.employment
        or profile.education
        or profile.unrecognized_skills
    )


def share_key(achievement_id: str) -> str:
    return f"{SHARE_ACHIEVEMENT_PREFIX}{achievement_id}"


def hidden_skills(session: Session, profile: LearnerProfile) -> list[str]:
    """Skill ids the learner left out that are still in the profile."""
    known = {s.skill_id for s in profile.skills}
    return [s for s in session.get(HIDDEN_SKILLS_KEY, []) if s in known]


def hidden_achievements(session: Session, profile: LearnerProfile) -> list[str]:
    """Achievement ids whose "use in suggestions" box is unticked."""
    return [a.id for a in profile.achievements if session.get(share_key(a.id), True) is False]


def shared_profile(session: Session, profile: LearnerProfile) -> LearnerProfile | None:
    """What the learner chose to share, or None when that is nothing to match on."""
    shared = profile.with_excluded(
        skills=hidden_skills(session, profile),
        achievements=hidden_achievements(session, profile),
    ).shared()
    if not (shared.skills or shared.achievements or shared.employment):
        return None
    return shared


# ---------------------------------------------------------------- verification lookup
def _within(path: str, container: str) -> bool:
    return path == container or path.startswith((container + ".", container + "["))


def verification_for(
    achievement: Achievement, uploaded: Sequence[UploadedRecord]
) -> VerificationResult | None:
    """The check of the credential that carries ``achievement``.

    That is the verification of the same file whose JSON path is the innermost one enclosing
    the achievement (a CLR's nested credential rather than the CLR itself).
    """
    path = achievement.source.json_path or "$"
    best: VerificationResult | None = None
    for record in uploaded:
        if record.file != achievement.source.file:
            continue
        for result in record.verifications:
            if _within(path, result.json_path) and (
                best is None or len(result.json_path) > len(best.json_path)
            ):
                best = result
    return best
