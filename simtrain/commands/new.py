"""``simtrain new ID --lang L``: a scenario folder that validates, to be edited by its author.

The template is written in the author's language with comments that show each part of the format,
so the first thing an author sees is a working example, not an empty file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from simtrain.atomic import SHARED, atomic_write
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
    if folder.exists():
        say(t("new.exists", path=folder), err=True)
        return 1
    template = (TEMPLATES / f"new-{lang}.yaml").read_text(encoding="utf-8")
    text = template.replace("{id}", args.id).replace("{folder}", str(folder))
    try:
        (folder / "docs").mkdir(parents=True)
        atomic_write(folder / "scenario.yaml", text, mode=SHARED)
        atomic_write(root / "scenario.schema.json", schema_text(), mode=SHARED)
    except OSError as error:
        say(f"{folder}: {t('yaml.os_error', reason=error.strerror)}", err=True)
        return 2
    say(t("new.created", path=folder))
    return 0
