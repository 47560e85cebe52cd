"""Identifiers and language codes: the stable keys that state, translations and links use."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
_ID = re.compile(ID_PATTERN)
LANG_PATTERN = r"^[a-z]{2,3}$"
_LANG = re.compile(LANG_PATTERN)


def _validate_id(value: Any) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise PydanticCustomError("bad_id", "not an id", {"value": _show(value)})
    return value


def _validate_lang(value: Any) -> str:
    if not isinstance(value, str) or not _LANG.match(value):
        raise PydanticCustomError("bad_lang", "not a language code", {"value": _show(value)})
    return value


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


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
