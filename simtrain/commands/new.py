"""``simtrain new ID [--lang L] [--dir DIR]``: a complete starter folder in the author's language.

The folder holds a small working scenario (``scenario.yaml``, whose comments show each part of the
format: objectives, roles, characters, a phase, an attachment, expected actions with their
objective, points and window, a decision with two options and the injects that follow each), the
document one inject attaches (``docs/``), a rehearsal script that walks both options of the
decision and passes (``rehearsals/``), and the JSON Schemas of both formats, described in the
author's language. Every modeline points at a schema inside the folder
(``$schema=scenario.schema.json``, ``$schema=../rehearsal.schema.json``), so the folder still
works in an editor once copied anywhere.

Nothing is written outside the new folder, and nothing half: the files go to a hidden folder beside
it, which takes the folder's name with one rename once every file is written. A failure removes
the hidden folder (and any parent folder this command made) and says so in one line.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import secrets
import shutil
from pathlib import Path

from simtrain.commands.say import say
from simtrain.commands.schema import schema_text
from simtrain.i18n import Translator, normalise
from simtrain.scenario.ids import is_id

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LANGUAGES = ("en", "ru", "it")


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("id", metavar="ID", help=t("new.id"))
    parser.add_argument("--lang", metavar="LANG", default=None, help=t("new.lang"))
    parser.add_argument("--dir", metavar="DIR", default="scenarios", help=t("new.dir"))


def starter_files(ident: str, lang: str, folder: Path) -> dict[str, str]:
    """Each file of a new scenario ``ident`` in ``lang`` (path inside the folder: text);
    ``folder`` is where it will be, as the comments name it in the commands they suggest."""

    def fill(text: str) -> str:
        return text.replace("{id}", ident).replace("{folder}", str(folder))

    files = {"scenario.yaml": fill((TEMPLATES / f"new-{lang}.yaml").read_text(encoding="utf-8"))}
    extra = TEMPLATES / f"new-{lang}"
    for path in sorted(p for p in extra.rglob("*") if p.is_file()):
        files[path.relative_to(extra).as_posix()] = fill(path.read_text(encoding="utf-8"))
    files["scenario.schema.json"] = schema_text(kind="scenario", lang=lang)
    files["rehearsal.schema.json"] = schema_text(kind="rehearsal", lang=lang)
    return files


def run(args: argparse.Namespace, t: Translator) -> int:
    lang = normalise(args.lang or t.lang)
    if not is_id(args.id):
        say(t("new.bad_id", id=args.id), err=True)
        return 2
    if lang not in LANGUAGES:
        say(t("new.bad_lang", lang=lang, langs=", ".join(LANGUAGES)), err=True)
        return 2
    root = Path(args.dir)
    folder = root / args.id
    if folder.exists() or folder.is_symlink():
        say(t("new.exists", path=folder), err=True)
        return 1
    files = starter_files(args.id, lang, folder)
    try:
        _write_folder(root, folder, files)
    except OSError as error:
        say(t("new.cannot_write", path=folder, reason=_reason(error, t)), err=True)
        return 2
    say(t("new.created", path=folder))
    return 0


_REASONS = {
    errno.EEXIST: "not_a_folder",
    errno.ENOTDIR: "not_a_folder",
    errno.EACCES: "denied",
    errno.EPERM: "denied",
    errno.EROFS: "read_only",
    errno.ENOSPC: "full",
}


def _reason(error: OSError, t: Translator) -> str:
    """Why a folder could not be made, in the interface language where the cause is a common one."""
    key = _REASONS.get(error.errno or 0)
    return t(f"new.reason.{key}") if key else error.strerror or str(error)


def _write_folder(root: Path, folder: Path, files: dict[str, str]) -> None:
    """Write ``files`` into a hidden folder in ``root``, then rename it to ``folder``; on any error
    nothing this call made is left behind and the error is raised."""
    made = [p for p in (root, *root.parents) if not p.exists() and not p.is_symlink()]
    stage = root / f".{folder.name}.{secrets.token_hex(4)}.tmp"
    try:
        root.mkdir(parents=True, exist_ok=True)
        stage.mkdir()
        for name, text in files.items():
            path = stage / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        if folder.exists() or folder.is_symlink():  # made meanwhile: never replace it
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(folder))
        stage.rename(folder)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        for parent in made:  # the deepest first
            with contextlib.suppress(OSError):
                parent.rmdir()
        raise
