"""The records panel (upload, paste, type) and the profile panel (achievements, badges, skills)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import datetime

import streamlit as st

from app.ui import records, workspace
from ler_navigator.models.ler import TRUST_RANK, Achievement, LearnerProfile, LearnerSkill
from ler_navigator.models.records import UploadedRecord
from ler_navigator.models.verification import VerificationResult

# File types the uploader offers; the service tells formats apart by content, not by name.
UPLOAD_TYPES = ["json", "jsonld", "jwt", "jws", "txt", "md", "png", "svg", "pdf", "docx"]

# Trust level -> (icon, words, badge colour). Credential levels first, then résumé and typed.
TRUST_BADGES: dict[str, tuple[str, str, str]] = {
    "verified": ("✅", "Verified", "green"),
    "signed_unbound_key": ("🟡", "Signed, but the key is not tied to the issuer", "orange"),
    "unsigned": ("⚪", "Unsigned", "gray"),
    "unverified": ("⚪", "Not verified", "gray"),
    "failed": ("❌", "Failed verification", "red"),
    "self_reported": ("📄", "From your résumé", "blue"),
    "typed": ("⌨️", "Typed by you", "violet"),
}
TRUST_ORDER = (
    "Verified evidence counts more: ✅ verified credential > 🟡 signed, key not tied to the "
    "issuer > ⚪ unsigned credential > 📄 résumé > ⌨️ typed. ❌ A credential that fails its "
    "check counts least."
)
SKILL_GROUPS = (
    ("credential", "From your credentials"),
    ("resume", "From your résumé"),
    ("typed", "Typed by you"),
)
FORMAT_LABELS = {
    "ob3": "Open Badges 3.0",
    "ob2": "Open Badges 2.0",
    "clr2": "Comprehensive Learner Record 2.0",
    "vc-v1": "Verifiable Credential 1.1",
    "vc-v2": "Verifiable Credential 2.0",
    "vc-jwt": "Verifiable Credential (JWT)",
    "vp": "Verifiable Presentation",
    "ler-rs": "LER-RS record",
    "resume-pdf": "résumé (PDF)",
    "resume-docx": "résumé (Word)",
    "resume-text": "résumé (text)",
    "resume-markdown": "résumé (Markdown)",
}
SIGNATURE_WORDS = {
    "valid": "valid: the credential is unchanged since it was signed",
    "invalid": "does not match: the credential was changed or the signature is wrong",
    "no_proof": "none: the credential carries no digital signature",
    "unverifiable_offline": "not checked: this kind of signature cannot be checked offline",
}
VALIDITY_WORDS = {"ok": "valid now", "expired": "expired", "not_yet_valid": "not valid yet"}
STATUS_WORDS = {
    "ok": "not revoked or suspended",
    "revoked": "revoked by the issuer",
    "suspended": "suspended by the issuer",
    "unknown": "unknown (the issuer's status list could not be read)",
}
NOT_CHECKED = "No signature was checked for this record."

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#|~$])")


def plain(text: str) -> str:
    """``text`` with Markdown syntax escaped, so names show exactly as written."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def badge(trust: str) -> str:
    """A coloured Markdown badge for a trust level: icon and words."""
    icon, words, colour = TRUST_BADGES.get(trust, TRUST_BADGES["unverified"])
    return f":{colour}-badge[{icon} {words}]"


def short_date(value: str | datetime | None) -> str:
    """The date part of an ISO timestamp ('2010-01-01'), or the text as written."""
    if value is None:
        return "—"
    text = value.isoformat() if isinstance(value, datetime) else str(value)
    match = re.match(r"\d{4}-\d{2}-\d{2}", text)
    return match.group(0) if match else text


# ---------------------------------------------------------------- records panel
def render_records_panel(reader: records.UploadReader, max_upload_mb: float) -> None:
    """Upload, paste or type; the list of files with remove buttons; clear all."""
    learner = workspace.active(st.session_state)
    st.header("Your records")
    st.caption(
        "Add credentials, a résumé or your skills to see pathways that fit you. They stay in "
        "this browser session only and are never saved."
    )
    for note in records.take_notices(learner):
        st.toast(note, icon=":material/info:")
    files = st.file_uploader(
        "Upload credentials or a résumé",
        type=UPLOAD_TYPES,
        accept_multiple_files=True,
        key=records.uploader_key(learner),
        max_upload_size=max(1, math.ceil(max_upload_mb)),
        help="Open Badges and other verifiable credentials (JSON, JWT, PNG or SVG badge), a "
        "CLR, an LER-RS record, or a résumé (PDF, Word, text).",
    )
    if files:
        outcomes = records.add_uploaded_files(learner, reader, files)
        records.push_notices(learner, records.describe_outcomes(outcomes))
        # The list below is the truth from now on; an empty uploader avoids two lists of files.
        records.next_uploader(learner)
        st.rerun()
    st.text_area(
        "Or paste a credential (JSON or JWT) or your résumé text",
        key=workspace.bind(st.session_state, records.PASTE_KEY),
        height=100,
    )
    st.button(
        "Add pasted text",
        key="learner_add_pasted",
        icon=":material/add:",
        on_click=_add_pasted,
        args=(reader,),
    )
    st.text_input(
        "Skills you have",
        key=workspace.bind(st.session_state, records.TYPED_SKILLS_KEY),
        placeholder="welding, Excel, forklift",
        help="Separate skills with commas. Typed skills count, but less than skills your "
        "records show.",
    )
    uploaded = records.records(learner)
    for record in uploaded:
        render_record_row(record)
    if uploaded or records.typed_skills(learner):
        st.button(
            "Clear all records",
            key="learner_clear_all",
            icon=":material/delete_sweep:",
            on_click=workspace.clear_active_records,
            args=(st.session_state,),
        )


def _add_pasted(reader: records.UploadReader) -> None:
    session = st.session_state
    learner = workspace.active(session)
    outcome = records.add_pasted_text(learner, reader, str(session.get(records.PASTE_KEY, "")))
    if outcome is not None:
        records.push_notices(learner, records.describe_outcomes([outcome]))
        session[records.PASTE_KEY] = learner[records.PASTE_KEY] = ""


def record_summary(record: UploadedRecord) -> str:
    """What one file held, in a few words."""
    if record.parsed is None:
        return "could not be read"
    parsed = record.parsed
    parts = [FORMAT_LABELS.get(parsed.format, parsed.format)]
    if parsed.container:
        parts[0] += f" in a {parsed.container.upper()} image"
    parts.append(_count(len(parsed.achievements), "achievement"))
    parts.append(_count(len(parsed.skills), "skill"))
    return " · ".join(parts)


def record_icon(record: UploadedRecord) -> str:
    """The file's icon: its top-level credential's check, a page for résumés, a warning."""
    if record.parsed is None:
        return "⚠️"
    top = [v for v in record.verifications if v.json_path == "$"] or record.verifications
    if top:
        return TRUST_BADGES[top[0].trust.value][0]
    return TRUST_BADGES["self_reported"][0] if record.parsed.format.startswith("resume") else "⚪"


def render_record_row(record: UploadedRecord) -> None:
    """One file in the list: icon, name, what it held, a remove button, and any error."""
    text, remove = st.columns([5, 1], vertical_alignment="center")
    with text:
        st.markdown(f"{record_icon(record)} **{plain(record.file)}**  \n{record_summary(record)}")
    with remove:
        st.button(
            "✕",
            key=f"learner_remove_{record.sha256[:16]}",
            help=f"Remove {record.file}",
            on_click=records.remove_record,
            args=(workspace.active(st.session_state), record.sha256),
        )
    if record.error is not None:
        st.error(record.error.message, icon=":material/error:")
        if record.error.hint:
            st.caption(f"💡 {record.error.hint}")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


# ---------------------------------------------------------------- profile panel
def render_profile_panel(profile: LearnerProfile, uploaded: Sequence[UploadedRecord]) -> None:
    """Achievements with verification badges, skills by source, and what to leave out."""
    if records.is_empty(profile):
        return
    learner = workspace.active(st.session_state)
    label = (
        f"Your profile: {_count(len(profile.achievements), 'achievement')}, "
        f"{_count(len(profile.skills), 'skill')}"
    )
    with st.expander(label, icon=":material/badge:"):
        st.caption(TRUST_ORDER)
        for warning in profile.warnings:
            st.warning(warning, icon=":material/warning:")
        if profile.achievements:
            st.subheader("Achievements")
            for achievement in profile.achievements:
                render_achievement(achievement, records.verification_for(achievement, uploaded))
        if profile.skills or profile.unrecognized_skills:
            st.subheader("Skills")
            render_skills(profile, set(records.hidden_skills(learner, profile)))
        render_history(profile)


def render_achievement(achievement: Achievement, check: VerificationResult | None) -> None:
    """One achievement: title, issuer, date, badge, summary, details and the share box."""
    with st.container(border=True):
        issuer = achievement.issuer
        issuer_name = (issuer.name or issuer.id) if issuer else None
        lines = [f"**{plain(achievement.title or 'Untitled achievement')}**"]
        meta = [plain(issuer_name or "issuer not named")]
        if achievement.issued:
            meta.append(f"issued {short_date(achievement.issued)}")
        lines.append(" · ".join(meta))
        st.markdown("  \n".join(lines))
        trust = check.trust.value if check is not None else achievement.trust
        st.markdown(badge(trust))
        st.caption(check.summary if check is not None else NOT_CHECKED)
        if check is not None:
            with st.expander("Verification details"):
                st.markdown(verification_details(check))
        key = records.share_key(achievement.id)
        st.checkbox(
            "Use in suggestions",
            key=workspace.bind(st.session_state, key, True),
            help="Untick to leave this achievement, and the skills it shows, out of pathway "
            "suggestions and fit answers.",
        )


def verification_details(check: VerificationResult) -> str:
    """Every finding of the verifier about one credential, as Markdown lines."""
    signature = SIGNATURE_WORDS.get(check.signature.verdict.value, check.signature.verdict.value)
    lines = [f"**Signature:** {signature}"]
    if check.signature.reason:
        lines[-1] += f" ({plain(check.signature.reason)})"
    issuer = check.issuer
    who = [plain(issuer.name)] if issuer.name else []
    if issuer.id:
        who.append(f"`{issuer.id}`")
    lines.append(f"**Issuer:** {' · '.join(who) or 'not named'}")
    if issuer.did_method:
        lines.append(f"**DID method:** did:{plain(issuer.did_method)}")
    lines.append(
        "**Signing key tied to the issuer:** "
        + ("yes" if issuer.key_bound else "no, or it could not be confirmed")
    )
    validity = check.validity
    lines.append(
        f"**Valid:** from {short_date(validity.valid_from)} until "
        f"{short_date(validity.valid_until) if validity.valid_until else 'no end date'} — "
        f"{VALIDITY_WORDS.get(validity.verdict.value, validity.verdict.value)} "
        f"(checked {short_date(validity.checked_at)})"
    )
    status = STATUS_WORDS.get(check.status.verdict.value, check.status.verdict.value)
    lines.append(f"**Status:** {status}")
    if check.status.reason:
        lines[-1] += f" ({plain(check.status.reason)})"
    lines.append(f"**Format checked:** {FORMAT_LABELS.get(check.format, plain(check.format))}")
    if check.json_path != "$":
        lines.append(f"**Inside the file at:** `{check.json_path}`")
    text = "  \n".join(lines)
    if check.warnings:
        text += "\n\n**Warnings:**\n" + "\n".join(f"- {plain(w)}" for w in check.warnings)
    return text


def skill_group(trust: str) -> str:
    """Which source a piece of evidence counts as: credential, résumé or typed."""
    if trust == "typed":
        return "typed"
    if trust == "self_reported":
        return "resume"
    return "credential"


def group_skills(skills: Sequence[LearnerSkill]) -> dict[str, list[tuple[LearnerSkill, str]]]:
    """Skills per source, each with its best trust from that source; a skill may be in several."""
    groups: dict[str, list[tuple[LearnerSkill, str]]] = {name: [] for name, _ in SKILL_GROUPS}
    for skill in skills:
        best: dict[str, str] = {}
        for evidence in skill.evidence:
            group = skill_group(evidence.trust)
            if group not in best or TRUST_RANK[evidence.trust] > TRUST_RANK[best[group]]:
                best[group] = evidence.trust
        for group, trust in best.items():
            groups[group].append((skill, trust))
    return groups


def skill_chip(skill: LearnerSkill, trust: str, hidden: bool) -> str:
    name = plain(skill.name).replace("[", "(").replace("]", ")")
    if hidden:
        return f":gray-badge[🚫 {name} · left out]"
    icon, _, colour = TRUST_BADGES.get(trust, TRUST_BADGES["unverified"])
    return f":{colour}-badge[{icon} {name}]"


def render_skills(profile: LearnerProfile, hidden: set[str]) -> None:
    """Chips per source, the leave-out control, and typed skills we did not recognise."""
    session = st.session_state
    groups = group_skills(profile.skills)
    for group, title in SKILL_GROUPS:
        if groups[group]:
            chips = " ".join(skill_chip(s, t, s.skill_id in hidden) for s, t in groups[group])
            st.markdown(f"**{title}**  \n{chips}")
    if profile.skills:
        names = {s.skill_id: s.name for s in profile.skills}
        # A removed file can take a left-out skill with it; the widget only accepts known ids.
        learner = workspace.active(session)
        learner[records.HIDDEN_SKILLS_KEY] = records.hidden_skills(learner, profile)
        st.multiselect(
            "Leave these skills out of suggestions",
            options=list(names),
            format_func=names.__getitem__,
            key=workspace.bind(session, records.HIDDEN_SKILLS_KEY),
            placeholder="Share every skill",
            help="Left-out skills are not used to match pathways or to answer fit questions.",
        )
    if profile.unrecognized_skills:
        st.caption(
            "Not in our skills list yet, so not used for matching: "
            + ", ".join(plain(s) for s in profile.unrecognized_skills)
        )


def render_history(profile: LearnerProfile) -> None:
    """Jobs and schooling read from résumés and LER-RS records, briefly."""
    lines = []
    for job in profile.employment:
        what = " at ".join(plain(p) for p in (job.title, job.organization) if p)
        when = "–".join(short_date(d) for d in (job.start, job.end) if d)
        lines.append(f"- {what or 'A job'}{f' ({when})' if when else ''}")
    for school in profile.education:
        what = ", ".join(plain(p) for p in (school.degree, school.institution) if p)
        lines.append(f"- {what or 'Schooling'}")
    if lines:
        st.subheader("Work and schooling")
        st.markdown("\n".join(lines))
