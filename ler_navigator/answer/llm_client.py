"""The chat model the settings name, built through langchain for OpenAI, Anthropic or Ollama."""

from __future__ import annotations

from typing import Any

from langchain_core.language_models import BaseChatModel

from ler_navigator.errors import LLMUnavailableError
from ler_navigator.settings import Settings

PROVIDERS = {
    "openai": "langchain-openai",
    "anthropic": "langchain-anthropic",
    "ollama": "langchain-ollama",
}
DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MAX_RETRIES = 2
# An OpenAI-compatible server of one's own (vLLM, Ollama) usually takes any key; the client
# refuses to start without one.
LOCAL_SERVER_KEY = "not-needed"


def build_chat_model(
    settings: Settings, *, timeout: float | None = None, max_retries: int | None = None
) -> BaseChatModel | None:
    """The chat model the settings name, at temperature 0; None when no provider is set.

    Timeout and retries come from ``llm_timeout`` and ``llm_max_retries`` when the settings
    have them (else 30 s and 2), or from the arguments.

    Raises:
        LLMUnavailableError: the provider is unknown, the model or the key is missing, or the
            provider's package is not installed.
    """
    provider = (settings.llm_provider or "").strip().lower()
    if not provider:
        return None
    if provider not in PROVIDERS:
        raise LLMUnavailableError(
            f"The language model provider '{settings.llm_provider}' is not supported.",
            hint="Set LER_NAV_LLM_PROVIDER to openai, anthropic or ollama "
            "(openai with LER_NAV_LLM_BASE_URL reaches any OpenAI-compatible server).",
        )
    model = (settings.llm_model or "").strip()
    if not model:
        raise LLMUnavailableError(
            "No language model is named.",
            hint="Set LER_NAV_LLM_MODEL, for example gpt-4o-mini or llama3.1.",
        )
    timeout = timeout if timeout is not None else getattr(settings, "llm_timeout", None)
    retries = max_retries if max_retries is not None else getattr(settings, "llm_max_retries", None)
    kwargs = _provider_kwargs(
        provider,
        settings,
        DEFAULT_TIMEOUT_S if timeout is None else float(timeout),
        DEFAULT_MAX_RETRIES if retries is None else int(retries),
    )
    try:
        from langchain.chat_models import init_chat_model

        return init_chat_model(model, model_provider=provider, **kwargs)
    except ImportError as exc:
        raise LLMUnavailableError(
            f"The '{provider}' language model provider needs the package {PROVIDERS[provider]}, "
            "which is not installed.",
            hint="Install the optional providers with `uv sync --extra providers`.",
        ) from exc
    except (ValueError, TypeError) as exc:  # pydantic's ValidationError is a ValueError
        raise LLMUnavailableError(
            f"The language model settings are not valid for '{provider}': {exc}",
            hint="Check LER_NAV_LLM_MODEL, LER_NAV_LLM_BASE_URL and LER_NAV_LLM_API_KEY.",
        ) from exc


def _provider_kwargs(
    provider: str, settings: Settings, timeout: float, retries: int
) -> dict[str, Any]:
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    base_url = settings.llm_base_url or None
    kwargs: dict[str, Any] = {"temperature": 0}
    if provider == "ollama":
        # Ollama runs locally: no key; its client takes the timeout directly.
        kwargs.update(seed=settings.seed, client_kwargs={"timeout": timeout})
        if base_url:
            kwargs["base_url"] = base_url
        return kwargs
    if not key and not (provider == "openai" and base_url):
        raise LLMUnavailableError(
            f"No API key found for the '{provider}' language model.",
            hint="Set LER_NAV_LLM_API_KEY or add it to .streamlit/secrets.toml.",
        )
    kwargs.update(api_key=key or LOCAL_SERVER_KEY, timeout=timeout, max_retries=retries)
    if base_url:
        kwargs["base_url"] = base_url
    if provider == "openai":
        kwargs["seed"] = settings.seed
    return kwargs


__all__ = ["DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT_S", "PROVIDERS", "build_chat_model"]
