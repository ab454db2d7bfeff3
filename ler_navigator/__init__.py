"""LER Navigator: a conversational career navigator built on Learning and Employment Records.

The one entry point for applications is ``NavigatorService``::

    from ler_navigator import NavigatorService, Settings

    service = NavigatorService(Settings())
    service.ensure_index()
    answer = service.ask("What is a Comprehensive Learner Record?")
    print(answer.markdown)
"""

from ler_navigator.errors import (
    ConfigError,
    CredentialParseError,
    KnowledgeBaseError,
    LLMUnavailableError,
    NavigatorError,
    RetrievalError,
    UnsupportedFormatError,
    VerificationError,
)
from ler_navigator.models.chat import Answer, Citation, SearchHit, Turn
from ler_navigator.models.fit import EmployerFit, MatchResult, OccupationFit
from ler_navigator.models.ler import LearnerProfile
from ler_navigator.models.records import UploadedRecord
from ler_navigator.models.verification import VerificationResult
from ler_navigator.service import NavigatorService
from ler_navigator.settings import Settings, get_settings

__all__ = [
    "Answer",
    "Citation",
    "ConfigError",
    "CredentialParseError",
    "EmployerFit",
    "KnowledgeBaseError",
    "LLMUnavailableError",
    "LearnerProfile",
    "MatchResult",
    "NavigatorError",
    "NavigatorService",
    "OccupationFit",
    "RetrievalError",
    "SearchHit",
    "Settings",
    "Turn",
    "UnsupportedFormatError",
    "UploadedRecord",
    "VerificationError",
    "VerificationResult",
    "get_settings",
]
