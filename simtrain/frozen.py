"""The one configuration of simtrain's value models (scenario, conditions, events, scripts).

Every model read from a file or the log is a value: frozen, so a folded state or a loaded
scenario can be shared by every seat without copies, and ``extra="forbid"``, so a misspelt key
in an author's YAML or a rehearsal script is an error rather than silently ignored.
``populate_by_name`` lets code build a model with a field's Python name where the file spells
it as a keyword (``not_`` for ``not``); models without aliases are unaffected by it.
"""

from __future__ import annotations

from pydantic import ConfigDict

FROZEN = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
