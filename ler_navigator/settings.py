"""Settings: the one place that reads ``LER_NAV_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Configuration for LER Navigator. Every field maps to ``LER_NAV_<FIELD>``."""

    model_config = SettingsConfigDict(
        env_prefix="LER_NAV_", env_file=".env", extra="forbid", frozen=True
    )

    knowledge_dir: Path = Field(
        PACKAGE_ROOT / "knowledge", description="Folder of curated knowledge YAML files."
    )
    data_dir: Path = Field(
        PACKAGE_ROOT / ".data",
        description="Where the search index and imported data are kept.",
    )
    embedder: Literal["wordllama", "openai", "sentence-transformers"] = Field(
        "wordllama",
        description="Embeddings: 'wordllama' (offline), 'sentence-transformers' (a local model "
        "folder; needs PyTorch) or 'openai' (any OpenAI-compatible API).",
    )
    embedding_model: str | None = Field(
        None,
        description="Model for LER_NAV_EMBEDDER=openai, or a model folder for "
        "sentence-transformers.",
    )
    embedding_base_url: str | None = Field(
        None, description="OpenAI-compatible embeddings server URL (e.g. a local vLLM)."
    )
    embedding_api_key: SecretStr | None = Field(None, description="API key for the embeddings.")
    wordllama_dim: int = Field(256, description="WordLlama embedding size (64-1024).")
    top_k: int = Field(8, gt=0, le=50, description="Results retrieved per question.")
    occupations: Literal["curated", "all"] = Field(
        "curated",
        description="Occupations to match: the curated set, or all imported O*NET ones too.",
    )
    min_relevance: float = Field(
        0.27,
        ge=0.0,
        le=1.0,
        description="Below this fused relevance a result counts as 'nothing relevant'.",
    )
    max_upload_mb: float = Field(5.0, gt=0, description="Largest accepted upload, in megabytes.")
    allow_network: bool = Field(
        False, description="Allow optional network features (did:web, status lists)."
    )
    contexts_dir: Path | None = Field(None, description="Extra pinned JSON-LD contexts folder.")
    local_docs_dir: Path | None = Field(
        None, description="Folder of trusted local documents (DID documents, keys, status lists)."
    )
    llm_provider: str | None = Field(None, description="LLM provider: openai, anthropic, ollama.")
    llm_model: str | None = Field(None, description="LLM model name.")
    llm_base_url: str | None = Field(None, description="OpenAI-compatible server URL.")
    llm_api_key: SecretStr | None = Field(None, description="API key for the LLM provider.")
    llm_timeout: float = Field(30.0, gt=0, description="Seconds to wait for the language model.")
    llm_max_retries: int = Field(2, ge=0, description="Retries after a failed model call.")
    chroma_host: str | None = Field(None, description="Chroma server host (embedded when unset).")
    chroma_port: int = Field(8000, description="Chroma server port.")
    debug: bool = Field(False, description="Re-raise unexpected errors instead of hiding them.")
    seed: int = Field(0, description="Seed for anything random.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings from the environment, read once."""
    return Settings()
