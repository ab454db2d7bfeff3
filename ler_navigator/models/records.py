"""One uploaded file as the service hands it to the UI: what was read and how it verified."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ler_navigator.ingest.result import IngestError, ParsedFile
from ler_navigator.models.verification import VerificationResult


class UploadedRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file: str
    sha256: str = Field(description="Digest of the bytes: the same upload twice is one record.")
    parsed: ParsedFile | None = None
    verifications: list[VerificationResult] = Field(default_factory=list)
    error: IngestError | None = None

    @property
    def ok(self) -> bool:
        return self.parsed is not None
