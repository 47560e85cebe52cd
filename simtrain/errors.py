"""The one shape of an error a person reads: a message key and its params, translated late.

An error raised deep in the engine cannot know the reader's language, so it carries a key and the
values to fill in, and whoever shows it renders it with their translator. Each subclass names the
message catalog section its keys live under (``session.``, ``team.``, ``rehearse.fail.``), so a
raise site writes the short key and the catalog stays grouped by where the error comes from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar


class KeyedError(Exception):
    """An error with a message key under :attr:`PREFIX` and the params its message needs."""

    #: The catalog section of this error's keys, without the trailing dot ("" for none).
    PREFIX: ClassVar[str] = ""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    @property
    def message_key(self) -> str:
        """The full catalog key: the prefix, a dot, and the short key."""
        return f"{self.PREFIX}.{self.key}" if self.PREFIX else self.key

    def render(self, t: Callable[..., str]) -> str:
        return str(t(self.message_key, **self.params))
