"""Problems found in a scenario, placed at ``FILE:LINE:COL``, worded in the interface language.

Problems are collected, not raised one at a time: an author fixing a file wants every mistake in
one pass, as a compiler reports them. A problem stores a message key and parameters, never a
sentence, so the same problem reads well in English, Russian and Italian.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from simtrain.i18n import Translator

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    severity: Severity
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    file: Path | None = None
    line: int | None = None
    column: int | None = None
    path: tuple[str | int, ...] = ()
    """Where in the data it is, until a line and column are known."""
    on_key: bool = False
    """Place it at the mapping key rather than at its value (an unknown key is the key's fault)."""

    def placed(self, file: Path, line: int, column: int) -> Problem:
        return Problem(
            self.severity, self.key, self.params, file, line, column, self.path, self.on_key
        )

    def where(self) -> str:
        if self.file is None:
            return ""
        text = str(self.file)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text

    def render(self, t: Translator) -> str:
        """One line: ``FILE:LINE:COL: error: message``, in the translator's language."""
        label = t(f"severity.{self.severity}")
        params = dict(self.params)
        if "kind" in params:
            params["kind"] = t(f"kinds.{params['kind']}")
        if self.key == "wrong_type":
            params["expected"] = t(f"types.{params['expected']}")
        message = t(self.key if "." in self.key else f"problems.{self.key}", **params)
        suggestion = self.params.get("suggestion")
        if suggestion:
            message += ". " + t("problems.did_you_mean", suggestion=suggestion)
        where = self.where()
        return f"{where}: {label}: {message}" if where else f"{label}: {message}"


def suggest(word: str, choices: Iterable[str]) -> str:
    """The closest known word to a misspelt one, or empty when nothing is close."""
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else ""


class ScenarioError(Exception):
    """A scenario that could not be loaded; ``unreadable`` means the file could not even be read."""

    def __init__(self, problems: list[Problem], *, unreadable: bool = False) -> None:
        super().__init__(problems[0].key if problems else "invalid")
        self.problems = problems
        self.unreadable = unreadable
