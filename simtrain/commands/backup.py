"""``simtrain backup SESSION DEST``: a consistent copy of a session in one file, even mid-run.

A session file is a SQLite database in WAL mode: while a console runs, recent events may still sit
in ``SESSION-wal`` beside it, so copying the ``.simtrain`` alone can miss them. This command copies
through SQLite's backup API from a read-only connection (the running console and team terminals go
on writing), and the copy is a single file with no ``-wal``, checked before it takes its name.
``DEST`` is a new file or an existing folder (the copy then keeps the session's name); an existing
file is never overwritten. Exit 0 when the copy is written, 2 with one line saying why not.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from simtrain.commands.say import fail, say
from simtrain.i18n import Translator


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("session", metavar="SESSION", type=Path, help=t("backup.session"))
    parser.add_argument("dest", metavar="DEST", type=Path, help=t("backup.dest"))


def run(args: argparse.Namespace, t: Translator) -> int:
    from simtrain.session.store import Store
    from simtrain.session.store_protocol import SessionError

    source: Path = args.session
    dest: Path = args.dest
    if dest.is_dir():
        dest = dest / source.name
    try:
        if dest.resolve() == source.resolve():
            raise SessionError("exists", path=str(dest))
        store = Store.open(source, "read")
        try:
            count = store.backup(dest)
        finally:
            store.close()
    except SessionError as error:
        fail(error.render(t))
        return 2
    say(t("backup.done", path=str(source), count=count, dest=str(dest)))
    return 0
