"""Every command that reads YAML words a syntax mistake the same way: a translation file through
``i18n --strict`` and ``i18n --update`` (which still refuses to write over it), a rehearsal script
through ``rehearse --script``, and a column map through ``import --map``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Result

BROKEN_L10N = """\
language: it
entries:
  title:
    src: 00000000
    text: 'Un'esercitazione breve'
"""

BROKEN_SCRIPT = """\
teams:
  - id: alpha
    name: Группа «Альфа»
    roles: [investigator, ngo]
auto_confirm: true
steps:
  - at: "0:20
  - rate: call-ngo
    team: alpha
    rating: P
  - advance: 10m
  - check: {team: alpha, delivered: [first-call]}
"""

PARSER_ENGLISH = ("did not find expected", "could not find", "found character", "mapping values")


def test_i18n_names_the_apostrophe_and_update_keeps_the_file(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario()
    (folder / "l10n").mkdir()
    l10n = folder / "l10n" / "it.yaml"
    l10n.write_text(BROKEN_L10N, encoding="utf-8")
    strict = cli("--ui-lang", "it", "i18n", "--strict", str(folder))
    update = cli("--ui-lang", "it", "i18n", "--update", "--lang", "it", str(folder))
    for result in (strict, update):
        assert result.code != 0
        assert "it.yaml:5:" in result.err
        assert "questo apostrofo chiude il testo tra apici singoli" in result.err
        assert """scrivete: text: "Un'esercitazione breve\"""" in result.err
        assert not any(word in result.err + result.out for word in PARSER_ENGLISH)
    assert l10n.read_text(encoding="utf-8") == BROKEN_L10N


def test_rehearse_places_an_unclosed_quote_where_it_opens(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario()
    script = folder / "rehearsals" / "alpha.yaml"
    script.parent.mkdir()
    script.write_text(BROKEN_SCRIPT, encoding="utf-8")
    result = cli("--ui-lang", "ru", "rehearse", str(folder), "--script", str(script))
    assert result.code != 0
    line = next(row for row in result.err.splitlines() if "alpha.yaml" in row)
    assert "alpha.yaml:7:" in line  # the quote opens on line 7; the parser stops on line 12
    assert 'открытая здесь кавычка (") нигде не закрыта' in line
    assert 'напишите: - at: "0:20"' in line
    assert not any(word in result.err for word in PARSER_ENGLISH)


def test_import_map_names_a_missing_space(cli: Callable[..., Result], tmp_path: Path) -> None:
    mapping = tmp_path / "colonne.yaml"
    mapping.write_text("Ora: when\nTitolo:title\nMessaggio: message\n", encoding="utf-8")
    msel = tmp_path / "msel.csv"
    msel.write_text("Ora,Titolo,Messaggio\n0:15,Una chiamata,Testo\n", encoding="utf-8")
    result = cli(
        "--ui-lang", "it", "import", str(msel), "--map", str(mapping), "-o", str(tmp_path / "out")
    )
    assert result.code == 2
    assert f"{mapping}:2:" in result.err
    assert "manca lo spazio dopo i due punti; scrivete: Titolo: title" in result.err
