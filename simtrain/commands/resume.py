"""``simtrain resume FILE``: reopen a run from its session file, clock paused where it stopped."""

from __future__ import annotations

import argparse
from pathlib import Path

from simtrain.commands.say import say
from simtrain.i18n import Translator


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("session", metavar="FILE", help=t("resume.session"))
    parser.add_argument("--lang", metavar="LANG", help=t("run.lang"))


def run(args: argparse.Namespace, t: Translator) -> int:
    path = Path(args.session)
    if not path.exists():
        say(f"{path}: {t('yaml.missing')}", err=True)
        return 2
    from simtrain.commands.run import finish
    from simtrain.tui.console.app import Launch, make_console_app

    # without --ui-lang or --lang, the run's own languages, as the session remembers them
    launch = Launch(
        ui_lang=t.lang,
        content_lang=args.lang,
        session_path=path,
        ui_lang_given=getattr(args, "ui_lang", None) is not None,
    )
    return finish(make_console_app(launch), t)
