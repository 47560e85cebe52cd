"""Identifiers and language codes: the stable keys that state, translations and links use."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
"""For JSON Schema and pydantic-core (Rust regex, where ``$`` is the very end of the text)."""
LANG_PATTERN = r"^[a-z]{2,3}$"

# Python's ``$`` also matches before a final newline ("ngo\n"), so Python checks match the
# whole text with ``fullmatch`` on the patterns without anchors.
_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_LANG = re.compile(r"[a-z]{2,3}")


def is_id(value: object) -> bool:
    """Whether ``value`` is an id, whole: no trailing newline, nothing around it."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def is_lang(value: object) -> bool:
    """Whether ``value`` is a language code such as ``en``, whole."""
    return isinstance(value, str) and _LANG.fullmatch(value) is not None


def _validate_id(value: Any) -> str:
    if not isinstance(value, str) or not is_id(value):
        raise PydanticCustomError("bad_id", "not an id", {"value": value})
    return value


def _validate_lang(value: Any) -> str:
    if not isinstance(value, str) or not is_lang(value):
        raise PydanticCustomError("bad_lang", "not a language code", {"value": value})
    return value


Id = Annotated[
    str,
    PlainValidator(_validate_id),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
]
"""Lowercase Latin letters, digits, ``-`` and ``_``: safe in keys, file names and URLs."""

Lang = Annotated[
    str,
    PlainValidator(_validate_lang),
    WithJsonSchema({"type": "string", "pattern": LANG_PATTERN}),
]
"""An ISO 639 language code such as ``en``, ``ru`` or ``it``."""
