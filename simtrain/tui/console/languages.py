"""The console's interface and content languages, remembered by the session (trial M3).

A Russian exercise resumed without ``--ui-lang`` used to open in English, at the moment of most
stress. Whenever a console sets its languages (opening a session, the ``l`` dialog), the session
remembers them, and ``run``/``resume`` given no ``--ui-lang``/``--lang`` use them.

They live in the session's meta, beside the log, not in an event: which language a screen was
read in is not something that happened in the exercise. An event would enter the after-action
report's record, every export and the fold every reader makes, and a second console (a viewer,
or a director's assistant reading in English) would write one each time it switched. Meta is
also what a reader must never write, and only the console writes this. A file that cannot take
the write (read-only, busy) simply keeps the languages it had.
"""

from __future__ import annotations

import contextlib
import json

from simtrain.i18n import UI_LANGUAGES, Translator
from simtrain.session.session import Session
from simtrain.session.store_protocol import SessionError
from simtrain.tui.console.facilitator import Facilitator

KEY = "console_languages"
"""The meta row: ``{"ui": "ru", "content": "ru"}``."""


def remembered(session: Session) -> tuple[str | None, str | None]:
    """The interface and content languages the session's console last used, if any."""
    try:
        data = json.loads(session.store.meta(KEY) or "{}")
    except ValueError:
        return None, None
    if not isinstance(data, dict):
        return None, None
    ui, content = data.get("ui"), data.get("content")
    return (
        ui if isinstance(ui, str) and ui in UI_LANGUAGES else None,
        content if isinstance(content, str) else None,
    )


def remember(session: Session, ui: str, content: str) -> None:
    """Keep the languages a console now uses; a file that refuses the write keeps the old."""
    value = json.dumps({"ui": ui, "content": content})
    if session.store.meta(KEY) == value:
        return
    with contextlib.suppress(SessionError, OSError):
        for tx in session.store.meta_attempts():
            with tx:
                tx.set_meta(KEY, value)


def adopt(f: Facilitator, *, ui_given: bool, content_given: bool) -> str:
    """Give a resumed console the languages its session remembers, where the command line named
    none, and remember what it uses now. Returns the interface language."""
    ui, content = remembered(f.session)
    t = f.t if ui_given or ui is None or ui == f.t.lang else Translator(ui)
    known = f.run_view.catalog.languages()
    lang = content if not content_given and content in known and content else f.content_lang
    if t is not f.t or lang != f.content_lang:
        f.set_languages(t, lang)  # remembers them
    else:
        remember(f.session, t.lang, lang)
    return t.lang
