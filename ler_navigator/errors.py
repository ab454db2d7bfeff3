"""Errors raised by LER Navigator.

Every error the product raises on purpose derives from ``NavigatorError`` and carries a
``user_message`` that is safe to show to a learner, plus an optional ``hint`` saying what to do.

    NavigatorError
    ├── ConfigError             settings are missing or inconsistent
    ├── KnowledgeBaseError      a knowledge file is invalid (duplicate id, dangling link, ...)
    ├── IndexError_             the search index cannot be built, opened or queried
    │   └── RetrievalError      a query failed
    ├── UnsupportedFormatError  an uploaded file is not an LER format we read
    ├── CredentialParseError    an uploaded file looks like an LER but cannot be read
    ├── VerificationError       a verification check could not run at all
    └── LLMUnavailableError     the configured language model cannot be reached

A credential that *fails* verification is a result, not an exception.
"""

from __future__ import annotations


class NavigatorError(Exception):
    """Base error. ``user_message`` is safe to show; ``hint`` says what to do next."""

    def __init__(self, user_message: str, *, hint: str | None = None) -> None:
        super().__init__(user_message if hint is None else f"{user_message} {hint}")
        self.user_message = user_message
        self.hint = hint


class ConfigError(NavigatorError):
    """Settings are missing, malformed or contradict each other."""


class KnowledgeBaseError(NavigatorError):
    """A knowledge file is invalid; the message names the file and the item."""


class IndexError_(NavigatorError):
    """The search index cannot be built or opened."""


class RetrievalError(IndexError_):
    """A search query could not be answered."""


class UnsupportedFormatError(NavigatorError):
    """The input is not a format LER Navigator reads."""


class CredentialParseError(NavigatorError):
    """The input looks like an LER but could not be read."""


class VerificationError(NavigatorError):
    """A verification check could not run (as opposed to a check that failed)."""


class LLMUnavailableError(NavigatorError):
    """The configured language model could not be reached or answered badly."""


__all__ = [
    "ConfigError",
    "CredentialParseError",
    "IndexError_",
    "KnowledgeBaseError",
    "LLMUnavailableError",
    "NavigatorError",
    "RetrievalError",
    "UnsupportedFormatError",
    "VerificationError",
]
