"""The navigator's workspace: several learners in one browser session, each kept apart.

Each learner is one plain dict (``Learner``) holding their uploads, typed skills, sharing
choices, conversation and the navigator's notes. Nothing is shared between those dicts, so
switching learners can never carry a file or a question across.

Streamlit keeps a widget's value under its key in ``st.session_state`` and drops it when the
widget is not drawn in a run, so widget values cannot be the place a learner's data lives.
The active learner's values are copied into the widget keys when that learner becomes active
(``load_widgets``) and copied back at the start of every run (``save_widgets``).

Everything here works on a plain mapping (``st.session_state`` in the app, a dict in tests).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.ui import records
from ler_navigator.errors import NavigatorError
from ler_navigator.models.chat import Answer, Turn

Session = MutableMapping[str, Any]
Learner = dict[str, Any]

LEARNERS_KEY = "workspace_learners"  # dict: learner id -> Learner, in the order they were added
ACTIVE_KEY = "workspace_active"  # id of the learner on screen
COUNTER_KEY = "workspace_counter"  # numbers new learners; never reused after a removal
NOTICES_KEY = "workspace_notices"  # one-off messages about the workspace for the next run
MODE_KEY = "navigator_mode"  # the sidebar toggle: False is learner mode
SWITCH_KEY = "workspace_switch"  # the learner picker
NAME_KEY = "workspace_name"  # the rename box
IMPORT_ROUND_KEY = "workspace_import_round"
DRAWN_KEY = "workspace_drawn"  # learner widgets drawn in this run, in order

# Inside one learner's dict (besides the records keys in ``records``).
ID = records.OWNER_KEY
NAME = "name"
ENTRIES_KEY = "chat_entries"  # list[ChatEntry]
PENDING_KEY = "pending_question"
NOTES_KEY = "navigator_notes"

# Widget keys whose value belongs to the active learner; share boxes are matched by prefix.
LEARNER_WIDGETS = (
    records.TYPED_SKILLS_KEY,
    records.PASTE_KEY,
    records.HIDDEN_SKILLS_KEY,
    NOTES_KEY,
)

EXPORT_FORMAT = "ler-navigator-workspace"
EXPORT_VERSION = 1
DEFAULT_NAME = "Learner {number}"


@dataclass(frozen=True)
class ChatEntry:
    """One message on screen: the turn the service sees, plus the answer it came from."""

    turn: Turn
    answer: Answer | None = None


class WorkspaceFileError(NavigatorError):
    """An imported workspace file cannot be used."""


# ---------------------------------------------------------------- learners
def new_learner(learner_id: str, name: str) -> Learner:
    """An empty workspace for one learner."""
    learner: Learner = {ID: learner_id, NAME: name, ENTRIES_KEY: [], PENDING_KEY: None}
    learner[NOTES_KEY] = ""
    records.init_records(learner)
    return learner


def init_workspace(session: Session) -> None:
    """Give a new browser session one empty learner, in learner mode."""
    session.setdefault(LEARNERS_KEY, {})
    session.setdefault(COUNTER_KEY, 0)
    session.setdefault(NOTICES_KEY, [])
    session.setdefault(MODE_KEY, False)
    session.setdefault(IMPORT_ROUND_KEY, 0)
    if not session[LEARNERS_KEY]:
        add_learner(session)
    elif session.get(ACTIVE_KEY) not in session[LEARNERS_KEY]:
        activate(session, next(iter(session[LEARNERS_KEY])))


def learners(session: Session) -> list[Learner]:
    """Every learner in the workspace, in the order they were added."""
    return list(session.get(LEARNERS_KEY, {}).values())


def active(session: Session) -> Learner:
    """The learner on screen."""
    return session[LEARNERS_KEY][session[ACTIVE_KEY]]


def add_learner(session: Session, name: str | None = None) -> Learner:
    """A new, empty learner, made active."""
    session[COUNTER_KEY] = session.get(COUNTER_KEY, 0) + 1
    number = session[COUNTER_KEY]
    learner = new_learner(
        f"learner-{number}", clean_name(name) or DEFAULT_NAME.format(number=number)
    )
    session.setdefault(LEARNERS_KEY, {})[learner[ID]] = learner
    activate(session, learner[ID])
    return learner


def activate(session: Session, learner_id: str) -> None:
    """Put ``learner_id`` on screen, keeping what the current learner typed."""
    if session.get(ACTIVE_KEY) in session.get(LEARNERS_KEY, {}):
        save_widgets(session)
    session[ACTIVE_KEY] = learner_id
    load_widgets(session)


def remove_learner(session: Session, learner_id: str) -> None:
    """Forget one learner and everything in their workspace; there is always one left."""
    store = session.get(LEARNERS_KEY, {})
    removed = store.pop(learner_id, None)
    if removed is None:
        return
    push_notice(session, f"Removed {removed[NAME]} and everything in their workspace.")
    if not store:
        add_learner(session)
    elif session.get(ACTIVE_KEY) == learner_id:
        session[ACTIVE_KEY] = None
        activate(session, next(iter(store)))


def rename(session: Session, learner_id: str, name: str) -> bool:
    """Give a learner a new display name; a blank name changes nothing."""
    cleaned = clean_name(name)
    learner = session.get(LEARNERS_KEY, {}).get(learner_id)
    if learner is None or not cleaned:
        return False
    learner[NAME] = cleaned
    return True


def clean_name(name: str | None) -> str:
    """A display name on one line, without surrounding blanks, at most 80 characters."""
    return " ".join(str(name or "").split())[:80]


# ---------------------------------------------------------------- widgets <-> learner
def _share_keys(mapping: Iterable[str]) -> list[str]:
    return [k for k in mapping if str(k).startswith(records.SHARE_ACHIEVEMENT_PREFIX)]


def save_widgets(session: Session) -> None:
    """Copy what the widgets drawn in the last run hold into the active learner's dict.

    Only widgets that were drawn count: Streamlit may keep a stale value under the key of a
    widget that was not drawn (a panel hidden by the mode switch), which must not overwrite
    the learner's.
    """
    learner = active(session)
    for key in session.get(DRAWN_KEY, []):
        if key not in session:
            continue
        if key == NAME_KEY:
            learner[NAME] = clean_name(session[key]) or learner[NAME]
        else:
            learner[key] = session[key]
    session[DRAWN_KEY] = []


def load_widgets(session: Session) -> None:
    """Make the widgets show the active learner's values, and nothing of anyone else's."""
    learner = active(session)
    for key in _share_keys(session):
        del session[key]
    for key in (*LEARNER_WIDGETS, *_share_keys(learner)):
        if key in learner:
            _put(session, key, learner[key])
    session[NAME_KEY] = learner[NAME]
    session[DRAWN_KEY] = []


def bind(session: Session, key: str, value: Any = None) -> str:
    """``key`` for a widget about to be drawn, holding the active learner's value.

    ``value`` is what to show when the learner's dict has nothing under ``key`` (or, for the
    name box, always). The learner's dict is the truth: ``save_widgets`` copied the widget's
    latest value into it at the start of this run.
    """
    learner = active(session)
    if key == NAME_KEY:
        value = learner[NAME]
    elif key in learner:
        value = learner[key]
    if value is not None:
        _put(session, key, value)
    session.setdefault(DRAWN_KEY, []).append(key)
    return key


def _put(session: Session, key: str, value: Any) -> None:
    # A copy: the widget must not edit the learner's list in place.
    session[key] = list(value) if isinstance(value, list) else value


def clear_active_records(session: Session) -> None:
    """Forget the active learner's records, typed skills and choices (a button callback)."""
    records.clear_records(active(session))
    load_widgets(session)


# ---------------------------------------------------------------- notices
def push_notice(session: Session, note: str) -> None:
    session.setdefault(NOTICES_KEY, []).append(note)


def take_notices(session: Session) -> list[str]:
    """Workspace notices for this run, removed so they show once."""
    notes = list(session.get(NOTICES_KEY, []))
    session[NOTICES_KEY] = []
    return notes


# ---------------------------------------------------------------- export and import
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExportedFile(_Strict):
    file: str = Field(min_length=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    data_base64: str


class ExportedMessage(_Strict):
    role: Literal["user", "assistant"]
    text: str
    answer: Answer | None = None


class WorkspaceFile(_Strict):
    """One learner's workspace as a JSON file (see docs/navigators.md)."""

    format: Literal["ler-navigator-workspace"]
    version: int
    name: str
    files: list[ExportedFile] = Field(default_factory=list)
    typed_skills: str = ""
    left_out_skills: list[str] = Field(default_factory=list)
    left_out_achievements: list[str] = Field(default_factory=list)
    notes: str = ""
    conversation: list[ExportedMessage] = Field(default_factory=list)


def export_learner(learner: Learner) -> bytes:
    """The learner's workspace as JSON bytes: files (base64), choices, notes, conversation."""
    raw = learner.get(records.RAW_KEY, {})
    files = [
        ExportedFile(
            file=record.file,
            sha256=record.sha256,
            data_base64=base64.b64encode(raw[record.sha256]).decode("ascii"),
        )
        for record in records.records(learner)
        if record.sha256 in raw
    ]
    left_out = sorted(
        key[len(records.SHARE_ACHIEVEMENT_PREFIX) :]
        for key in _share_keys(learner)
        if learner[key] is False
    )
    conversation = [
        ExportedMessage(role=entry.turn.role, text=entry.turn.text, answer=entry.answer)
        for entry in learner.get(ENTRIES_KEY, [])
    ]
    document = WorkspaceFile(
        format=EXPORT_FORMAT,
        version=EXPORT_VERSION,
        name=learner[NAME],
        files=files,
        typed_skills=str(learner.get(records.TYPED_SKILLS_KEY) or ""),
        left_out_skills=list(learner.get(records.HIDDEN_SKILLS_KEY, [])),
        left_out_achievements=left_out,
        notes=str(learner.get(NOTES_KEY) or ""),
        conversation=conversation,
    )
    text = json.dumps(document.model_dump(mode="json"), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def parse_workspace_file(data: bytes) -> WorkspaceFile:
    """Read and check an exported workspace.

    Raises:
        WorkspaceFileError: the file is not a workspace export, is from a newer version, or is
            damaged (bad JSON, bad base64, a file whose bytes do not match its checksum).
    """
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WorkspaceFileError(
            "This file is not a learner workspace: it is not readable JSON.",
            hint="Choose a file made with “Export this learner”.",
        ) from exc
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise WorkspaceFileError(
            "This file is not a learner workspace exported from LER Navigator.",
            hint="Choose a file made with “Export this learner”.",
        )
    version = document.get("version")
    if not isinstance(version, int) or version > EXPORT_VERSION or version < 1:
        raise WorkspaceFileError(
            f"This workspace file has version {version!r}; this app reads version "
            f"{EXPORT_VERSION}.",
            hint="Export it again with this version of LER Navigator.",
        )
    try:
        parsed = WorkspaceFile.model_validate(document)
    except ValidationError as exc:
        where = sorted({".".join(str(p) for p in err["loc"]) for err in exc.errors()})
        raise WorkspaceFileError(
            f"This workspace file is damaged: {', '.join(where[:3])} "
            f"{'is' if len(where) == 1 else 'are'} missing or wrong.",
            hint="Export the learner again and import the new file.",
        ) from exc
    for exported in parsed.files:
        if hashlib.sha256(decode_file(exported)).hexdigest() != exported.sha256:
            raise WorkspaceFileError(
                f"The file “{exported.file}” inside this workspace was changed after export.",
                hint="Export the learner again and import the new file.",
            )
    return parsed


def decode_file(exported: ExportedFile) -> bytes:
    """The bytes of one exported file."""
    try:
        return base64.b64decode(exported.data_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise WorkspaceFileError(
            f"The file “{exported.file}” inside this workspace is damaged.",
            hint="Export the learner again and import the new file.",
        ) from exc


def import_learner(session: Session, reader: records.UploadReader, data: bytes) -> Learner:
    """Add the exported learner as a new learner (never over an existing one) and show them.

    Raises:
        WorkspaceFileError: see ``parse_workspace_file``.
    """
    parsed = parse_workspace_file(data)
    learner = add_learner(session, parsed.name)
    for exported in parsed.files:
        records.add_bytes(learner, reader, decode_file(exported), exported.file)
    learner[records.TYPED_SKILLS_KEY] = parsed.typed_skills
    learner[records.HIDDEN_SKILLS_KEY] = list(parsed.left_out_skills)
    for achievement_id in parsed.left_out_achievements:
        learner[records.share_key(achievement_id)] = False
    learner[NOTES_KEY] = parsed.notes
    learner[ENTRIES_KEY] = [
        ChatEntry(Turn(role=m.role, text=m.text), None)
        if m.answer is None
        else ChatEntry(m.answer.turn, m.answer)
        for m in parsed.conversation
    ]
    load_widgets(session)
    return learner


def export_file_name(learner: Learner) -> str:
    """'workspace-maria-lopez.json': the learner's name, safe for any file system."""
    return f"workspace-{slug(learner[NAME]) or learner[ID]}.json"


def slug(text: str) -> str:
    """Lower-case letters and digits joined by single hyphens."""
    words = "".join(c.lower() if c.isalnum() and c.isascii() else " " for c in text).split()
    return "-".join(words)[:60]


def picker_labels(session: Session) -> dict[str, str]:
    """Label in the learner picker -> learner id; a repeated name gets its number added."""
    seen: dict[str, int] = {}
    labels: dict[str, str] = {}
    for learner in learners(session):
        name = learner[NAME]
        seen[name] = seen.get(name, 0) + 1
        label = name if seen[name] == 1 else f"{name} ({seen[name]})"
        while label in labels:  # "Ana (2)" may also be someone's real name
            label += "*"
        labels[label] = learner[ID]
    return labels


def picker_label(session: Session, learner_id: str) -> str:
    """The active learner's label in the picker."""
    return next(label for label, i in picker_labels(session).items() if i == learner_id)


def names(session: Session) -> Sequence[str]:
    """Display names of every learner, in order (for messages and tests)."""
    return [learner[NAME] for learner in learners(session)]
