"""Skills: normalization, the shared skills vocabulary, and extraction from text."""

from ler_navigator.skills.extract import SkillMention, TextEmbedder, extract_mentions
from ler_navigator.skills.normalize import Token, normalize_phrase, tokenize
from ler_navigator.skills.vocabulary import SkillVocabulary, SurfaceForm

__all__ = [
    "SkillMention",
    "SkillVocabulary",
    "SurfaceForm",
    "TextEmbedder",
    "Token",
    "extract_mentions",
    "normalize_phrase",
    "tokenize",
]
