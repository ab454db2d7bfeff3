"""Reading LERs: detect the format of an upload from its content and parse it into records.

One module per format (``vc``, ``open_badges``, ``clr``, ``open_badges_v2``, ``vc_jwt``,
``baked``, ``ler_rs``, ``resume``/``documents``); ``registry`` detects and dispatches;
``skill_step`` turns the texts parsers offer into skills with evidence; ``profile`` merges.
"""

from ler_navigator.ingest.profile import (
    profile_from,
    profile_from_text,
    profile_from_typed_skills,
)
from ler_navigator.ingest.registry import (
    classify_json,
    ingest_paths,
    load_local_documents,
    parse_bytes,
)
from ler_navigator.ingest.result import IngestError, IngestResult, ParsedFile, SkillText
from ler_navigator.ingest.skill_step import Vocabulary, find_skills, load_vocabulary

__all__ = [
    "IngestError",
    "IngestResult",
    "ParsedFile",
    "SkillText",
    "Vocabulary",
    "classify_json",
    "find_skills",
    "ingest_paths",
    "load_local_documents",
    "load_vocabulary",
    "parse_bytes",
    "profile_from",
    "profile_from_text",
    "profile_from_typed_skills",
]
