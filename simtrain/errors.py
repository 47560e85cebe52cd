"""The one shape of an error a person reads: a message key and its params, translated late.

An error raised deep in the engine cannot know the reader's language, so it carries a key and the
values to fill in, and whoever shows it renders it with their translator. Each subclass names the
message catalog section its keys live under (``session.``, ``team.``, ``rehearse.fail.``), so a
raise site writes the short key and the catalog stays grouped by where the error comes from.

A param is often what a person typed or a file held (a path, a name, an id, an OS error's text),
and the rendered line goes straight to a terminal (a CLI error, a toast): :meth:`KeyedError.render`
shows every text param through :func:`simtrain.sanitize.visible` on one line, so an ESC sequence
in a file name reads ``␛[2J`` there instead of acting.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, ClassVar

from simtrain.sanitize import visible


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
        """The message in ``t``'s language, every text param shown on one line without a terminal
        control (numbers are left as they are, for plurals)."""
        return str(t(self.message_key, **shown_params(self.params)))


def shown_params(params: dict[str, Any]) -> dict[str, Any]:
    """``params`` with each text (or path) made :func:`~simtrain.sanitize.visible` on one line."""
    return {
        name: (
            visible(str(value), multiline=False) if isinstance(value, str | os.PathLike) else value
        )
        for name, value in params.items()
    }
