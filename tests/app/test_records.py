"""The records logic on a plain dict session: uploads read once, removal, sharing, verification."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.ui import records
from app.ui.profile import group_skills, plain, record_icon, record_summary, short_date
from ler_navigator.service import NavigatorService
from tests.app.careers import (
    BROKEN_BADGE,
    NURSING_CLR,
    SHARED_FIXTURES,
    TAMPERED,
    UNSIGNED_LER_RS,
    VERIFIED,
    VERIFIED_PYTHON,
    careers_settings,
)

pytestmark = pytest.mark.skipif(not SHARED_FIXTURES.exists(), reason="../shared fixtures missing")


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> NavigatorService:
    # Reading uploads needs the skills vocabulary only, not the search index.
    return NavigatorService(careers_settings(tmp_path_factory.mktemp("records-data")))


@pytest.fixture
def session() -> dict:
    session: dict = {}
    records.init_records(session)
    return session


@dataclass
class CountingReader:
    """The service's reader, counting how often bytes are actually read."""

    service: NavigatorService
    reads: list[str] = field(default_factory=list)

    def read_upload(self, data: bytes, filename: str):
        self.reads.append(filename)
        return self.service.read_upload(data, filename)


@dataclass
class FakeUpload:
    file_id: str
    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    def getvalue(self) -> bytes:
        return self.path.read_bytes()


def test_same_file_twice_is_one_record_read_once(session, service):
    reader = CountingReader(service)
    first = records.add_bytes(session, reader, VERIFIED.read_bytes(), VERIFIED.name)
    again = records.add_bytes(session, reader, VERIFIED.read_bytes(), "renamed.json")
    assert first.added and not again.added
    assert again.record is first.record
    assert reader.reads == [VERIFIED.name]
    assert [r.file for r in records.records(session)] == [VERIFIED.name]
    assert records.describe_outcomes([first, again]) == [
        f"“{VERIFIED.name}” is already in your records."
    ]


def test_uploader_files_are_read_once_across_reruns(session, service):
    reader = CountingReader(service)
    files = [FakeUpload("f1", VERIFIED), FakeUpload("f2", NURSING_CLR)]
    assert [o.added for o in records.add_uploaded_files(session, reader, files)] == [True, True]
    # Streamlit hands the same files over on every rerun; they are not read again.
    assert records.add_uploaded_files(session, reader, files) == []
    assert reader.reads == [VERIFIED.name, NURSING_CLR.name]


def test_remove_one_record_and_empty_the_uploader(session, service):
    records.add_bytes(session, service, VERIFIED.read_bytes(), VERIFIED.name)
    kept = records.add_bytes(session, service, NURSING_CLR.read_bytes(), NURSING_CLR.name)
    key_before = records.uploader_key(session)
    gone = records.records(session)[0]
    records.remove_record(session, gone.sha256)
    assert records.records(session) == [kept.record]
    assert records.uploader_key(session) != key_before


def test_clear_forgets_records_typed_skills_and_choices(session, service):
    records.add_bytes(session, service, VERIFIED.read_bytes(), VERIFIED.name)
    session[records.TYPED_SKILLS_KEY] = "welding"
    session[records.HIDDEN_SKILLS_KEY] = ["skill:teamwork"]
    session[records.share_key("ach:x")] = False
    records.clear_records(session)
    assert records.records(session) == []
    assert records.typed_skills(session) is None
    assert session[records.HIDDEN_SKILLS_KEY] == []
    assert records.share_key("ach:x") not in session


def test_bad_file_is_kept_with_its_error_and_ignored_by_the_profile(session, service):
    broken = records.add_bytes(session, service, BROKEN_BADGE.read_bytes(), BROKEN_BADGE.name)
    records.add_bytes(session, service, VERIFIED.read_bytes(), VERIFIED.name)
    assert not broken.record.ok
    assert broken.record.error is not None
    assert "broken" in broken.record.error.message
    assert record_icon(broken.record) == "⚠️"
    assert record_summary(broken.record) == "could not be read"
    profile = records.build_profile(session, service)
    assert [a.title for a in profile.achievements] == ["Teamwork"]


def test_pasted_json_is_read_like_a_file(session, service):
    assert records.add_pasted_text(session, service, "   \n") is None
    outcome = records.add_pasted_text(session, service, VERIFIED.read_text())
    assert outcome is not None and outcome.record.ok
    assert outcome.record.file.startswith(records.PASTED_NAME)
    assert outcome.record.verifications[0].trust.value == "verified"


def test_pasted_resume_text_gives_resume_skills(session, service):
    outcome = records.add_pasted_text(
        session, service, "Warehouse associate, 2019-2023. Forklift operation, first aid."
    )
    assert outcome is not None and outcome.record.ok
    assert outcome.record.parsed.format.startswith("resume")
    profile = records.build_profile(session, service)
    groups = group_skills(profile.skills)
    assert {s.skill_id for s, _ in groups["resume"]} >= {"skill:forklift-operation"}
    assert all(trust == "self_reported" for _, trust in groups["resume"])


def test_typed_skills_join_the_profile_and_unknown_ones_are_listed(session, service):
    session[records.TYPED_SKILLS_KEY] = "welding, Excel, forklift"
    profile = records.build_profile(session, service)
    assert {s.skill_id for s in profile.skills} == {"skill:welding", "skill:forklift-operation"}
    assert profile.unrecognized_skills == ["Excel"]
    assert all(t == "typed" for _, t in group_skills(profile.skills)["typed"])


def test_left_out_skill_is_not_shared(session, service):
    session[records.TYPED_SKILLS_KEY] = "welding, forklift"
    profile = records.build_profile(session, service)
    session[records.HIDDEN_SKILLS_KEY] = ["skill:welding", "skill:not-in-profile"]
    assert records.hidden_skills(session, profile) == ["skill:welding"]
    shared = records.shared_profile(session, profile)
    assert shared is not None
    assert [s.skill_id for s in shared.skills] == ["skill:forklift-operation"]


def test_unticked_achievement_takes_its_skills_with_it(session, service):
    records.add_bytes(session, service, VERIFIED_PYTHON.read_bytes(), VERIFIED_PYTHON.name)
    profile = records.build_profile(session, service)
    assert [s.skill_id for s in profile.skills] == ["skill:python"]
    session[records.share_key(profile.achievements[0].id)] = False
    assert records.hidden_achievements(session, profile) == [profile.achievements[0].id]
    assert records.shared_profile(session, profile) is None


def test_nested_credential_gets_its_own_verification(session, service):
    outcome = records.add_bytes(session, service, NURSING_CLR.read_bytes(), NURSING_CLR.name)
    profile = records.build_profile(session, service)
    for achievement in profile.achievements:
        check = records.verification_for(achievement, [outcome.record])
        assert check is not None
        # The innermost credential holding the achievement, not the CLR around it.
        assert check.json_path != "$"
        assert (achievement.source.json_path or "").startswith(check.json_path + ".")


@pytest.mark.parametrize(
    ("path", "trust", "icon"),
    [
        (VERIFIED, "verified", "✅"),
        (NURSING_CLR, "signed_unbound_key", "🟡"),
        (UNSIGNED_LER_RS, "unsigned", "⚪"),
        (TAMPERED, "failed", "❌"),
    ],
)
def test_each_trust_level_gets_its_icon(session, service, path, trust, icon):
    outcome = records.add_bytes(session, service, path.read_bytes(), path.name)
    profile = records.build_profile(session, service)
    check = records.verification_for(profile.achievements[0], [outcome.record])
    assert check is not None and check.trust.value == trust
    assert record_icon(outcome.record) == icon


def test_record_summary_names_format_and_counts(session, service):
    outcome = records.add_bytes(session, service, VERIFIED.read_bytes(), VERIFIED.name)
    assert record_summary(outcome.record) == "Open Badges 3.0 · 1 achievement · 1 skill"


def test_display_helpers():
    assert short_date("2010-01-01T00:00:00Z") == "2010-01-01"
    assert short_date("Spring 2020") == "Spring 2020"
    assert short_date(None) == "—"
    assert plain("C# [basics] $5 *bold*") == r"C\# \[basics\] \$5 \*bold\*"
