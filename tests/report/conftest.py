"""Reports built from the shared credential fixtures and typed skills, over the real knowledge."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_support import (
    CONTEXTS,
    CREDENTIALS,
    LEARNER,
    NOTES,
    NOW,
    TODAY,
    TYPED_SKILLS,
    UPLOADS,
    sample_report,
)

from ler_navigator.models.fit import MatchResult
from ler_navigator.models.ler import LearnerProfile
from ler_navigator.models.records import UploadedRecord
from ler_navigator.report import AdvisingReport, build_report
from ler_navigator.service import NavigatorService
from ler_navigator.settings import Settings


@pytest.fixture(scope="session")
def report_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("report-data"), contexts_dir=CONTEXTS)


@pytest.fixture(scope="session")
def report_service(report_settings: Settings) -> NavigatorService:
    service = NavigatorService(report_settings, clock=lambda: NOW)
    service.ensure_index()
    return service


@pytest.fixture(scope="session")
def uploads(report_service: NavigatorService) -> dict[str, UploadedRecord]:
    if not CREDENTIALS.exists():
        pytest.skip("shared credential fixtures are not available")
    return {
        key: report_service.read_upload((CREDENTIALS / path).read_bytes(), Path(path).name)
        for key, path in UPLOADS.items()
    }


@pytest.fixture(scope="session")
def learner_profile(report_service, uploads) -> LearnerProfile:
    return report_service.build_profile(list(uploads.values()), typed_skills=TYPED_SKILLS)


@pytest.fixture(scope="session")
def match_result(report_service, learner_profile) -> MatchResult:
    return report_service.match(learner_profile, k=5)


@pytest.fixture(scope="session")
def advising(report_service, uploads, learner_profile) -> AdvisingReport:
    return build_report(
        report_service,
        list(uploads.values()),
        learner_profile,
        notes=NOTES,
        learner_name=LEARNER,
        today=TODAY,
    )


@pytest.fixture
def made_up_report() -> AdvisingReport:
    """A hand-made report with every section filled and awkward characters."""
    return sample_report()
