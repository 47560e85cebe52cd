"""Telling the members of a union of one-key models apart, for pydantic's discriminator.

A scenario's conditions (``{done: call-999}``) and a rehearsal's steps (``{deliver: arrival}``) are
unions of small models, each written as a mapping led by its own key. Pydantic's default union
tries every member and reports every member's errors; an author who misspelt one key would read
ten complaints. A discriminator picks the member from the key first, so the errors are those of the
member meant, and a mapping with no known key is one clear problem at its place.

A member's tag is its lead key: the model's first field, by its alias when it has one (``not``).
Reading it off the model, rather than keeping a table of classes beside the union, means a new
member needs no second edit; ``tests/scenario/test_tags.py`` holds each union's ``Tag`` to it.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from functools import cache
from typing import Any

from pydantic import BaseModel, Discriminator


@cache
def lead_key(model: type[BaseModel]) -> str:
    """The key a one-key model is written with: its first field, by alias when it has one."""
    name, info = next(iter(model.model_fields.items()))
    return info.alias or name


def _beside(kind: str, companions: Mapping[str, str], value: dict[Any, Any]) -> bool:
    """Whether ``kind`` is here only as a field of the kind it may sit beside."""
    return kind in companions and companions[kind] in value


def key_discriminator(
    kinds: Sequence[str],
    *,
    error_type: str,
    error_message: str,
    alone: bool = False,
    beside: Mapping[str, str] | None = None,
) -> Discriminator:
    """A discriminator that tags a mapping by which of ``kinds`` it holds.

    ``alone``: the mapping must hold its key and nothing else (a condition is one key). Otherwise
    other keys are the member's fields, and ``beside`` lists kinds that are also a field of another
    kind: ``{"note": "rate"}`` reads ``note`` beside ``rate`` as the rating's comment.
    """
    known = tuple(kinds)
    companions = dict(beside or {})

    def tag(value: Any) -> Hashable:
        """The member's tag, or None so that pydantic reports the union's own error here."""
        if isinstance(value, BaseModel):
            key = lead_key(type(value))
            return key if key in known else None
        if not isinstance(value, dict) or (alone and len(value) != 1):
            return None
        found = [k for k in known if k in value and not _beside(k, companions, value)]
        return found[0] if len(found) == 1 else None

    return Discriminator(tag, custom_error_type=error_type, custom_error_message=error_message)
