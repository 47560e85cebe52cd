"""simtrain.sanitize.visible: no terminal control survives it, plain text passes untouched, twice is
once, and 10 MB of any mix come out inert."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from simtrain.sanitize import is_visible, visible

CORPUS = {
    "csi_clear": "\x1b[2J",
    "csi_colour": "\x1b[31mRED\x1b[0m",
    "osc52_bel": "\x1b]52;c;cHduZWQ=\x07",
    "osc52_st": "\x1b]52;c;cHduZWQ=\x1b\\",
    "osc8_link": "\x1b]8;;https://evil.example\x07HL\x1b]8;;\x07",
    "dcs": "\x1bP1$r0m\x1b\\",
    "sos_pm_apc": "\x1bXsos\x1b\\ \x1b^pm\x1b\\ \x1b_apc\x1b\\",
    "two_byte": "\x1bc \x1b7 \x1b8 \x1bM",
    "c1_csi": "\x9b31m",
    "c1_osc_st": "\x9d52;c;cHduZWQ=\x9c",
    "c1_dcs": "\x90q\x9c",
    "nul": "a\x00b",
    "bel": "a\x07b",
    "backspace": "abc\x08\x08X",
    "cr_alone": "paid\rDUE",
    "del": "a\x7fb",
    "rlo": "invoice\u202etxt.exe",
    "lro": "a\u202db",
    "rli_pdi": "a\u2067b\u2069c",
    "lre_rle_pdf": "\u202aa\u202bb\u202c",
    "lri_fsi": "\u2066a\u2068b\u2069",
    "surrogate": "a\ud800b",
}
"""Every sequence the attack used and its relatives (ECMA-48: CSI, OSC with BEL and ST, DCS,
SOS/PM/APC, two-byte ESC sequences, their 8-bit C1 forms), single controls, bidi overrides and
isolates, a lone surrogate."""

MARKUP = ["[bold red]x[/]", "[@click=app.quit]quit[/]", "[link=https://x]y[/link]", "[/]"]
"""Rich markup: plain text to this function (shown literally by tui/literal.py, as before)."""

BIDI_CONTROLS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


def unsafe_chars(text: str, *, multiline: bool = True) -> list[str]:
    """The characters of ``text`` a terminal could obey (or that reorder what a reader sees)."""
    allowed = "\n\t" if multiline else ""
    return [
        c
        for c in text
        if (ord(c) < 0x20 and c not in allowed)
        or 0x7F <= ord(c) <= 0x9F
        or c in BIDI_CONTROLS
        or c in "\u2028\u2029"
        or 0xD800 <= ord(c) <= 0xDFFF
    ]


def test_every_sequence_of_the_corpus_is_inert_and_shown() -> None:
    for name, raw in CORPUS.items():
        shown = visible(raw)
        assert unsafe_chars(shown) == [], name
        assert unsafe_chars(visible(raw, multiline=False), multiline=False) == [], name
    assert visible(CORPUS["csi_clear"]) == "␛[2J"
    assert visible(CORPUS["osc52_bel"]) == "␛]52;c;cHduZWQ=␇"
    assert visible(CORPUS["osc52_st"]) == "␛]52;c;cHduZWQ=␛\\"
    assert visible(CORPUS["osc8_link"]) == "␛]8;;https://evil.example␇HL␛]8;;␇"
    assert visible(CORPUS["c1_csi"]) == "⟨U+009B⟩31m"
    assert visible(CORPUS["nul"]) == "a␀b"
    assert visible(CORPUS["backspace"]) == "abc␈␈X"
    assert visible(CORPUS["cr_alone"]) == "paid␍DUE"
    assert visible(CORPUS["del"]) == "a␡b"
    assert visible(CORPUS["rlo"]) == "invoice⟨U+202E⟩txt.exe"
    assert visible(CORPUS["rli_pdi"]) == "a⟨U+2067⟩b⟨U+2069⟩c"
    assert visible(CORPUS["surrogate"]) == "a\ufffdb"


def test_lines_and_tabs_stay_where_they_belong() -> None:
    assert visible("a\nb\tc") == "a\nb\tc"
    assert visible("a\r\nb") == "a\nb"  # a Windows line break is a line break
    assert visible("a\u2028b\u2029c") == "a\nb\nc"
    assert visible("a\r\nb\nc\td\u2028e", multiline=False) == "a b c d e"


def test_plain_text_comes_back_as_it_is() -> None:
    for text in [*MARKUP, "", "Привет, мир", "città — ½ 😀", "عربي\u200fx\u200e\u061c", "\u200b"]:
        assert visible(text) is text
        assert is_visible(text)
    assert not is_visible("a\x1b")
    assert not is_visible("a\nb", multiline=False)


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_nothing_unsafe_survives_and_twice_is_once(text: str) -> None:
    for multiline in (True, False):
        shown = visible(text, multiline=multiline)
        assert unsafe_chars(shown, multiline=multiline) == []
        assert "\x1b" not in shown
        assert visible(shown, multiline=multiline) == shown
        assert is_visible(shown, multiline=multiline)
    assert visible(visible(text), multiline=False) == visible(text, multiline=False)


@given(
    st.text(
        alphabet=st.characters(
            exclude_categories=("Cc", "Cs"),
            exclude_characters="\u2028\u2029" + "".join(BIDI_CONTROLS),
        )
    )
)
def test_text_without_controls_is_unchanged(text: str) -> None:
    assert visible(text) == text


@given(st.lists(st.sampled_from([*CORPUS.values(), *MARKUP, "ok ", "\n", "\t"]), max_size=12))
def test_mixtures_of_the_corpus(parts: list[str]) -> None:
    text = "".join(parts)
    shown = visible(text)
    assert unsafe_chars(shown) == []
    assert visible(shown) == shown


def test_ten_megabytes_of_any_mix_come_out_visible() -> None:
    """Large texts, clean, with one escape, and dense with controls, all made inert in one pass
    (their speed is measured by bench/sanitize_speed.py, not asserted here)."""
    clean = ("hello world, Привет мир, città " * 340_000)[:10_000_000]
    dirty = clean[:5_000_000] + "\x1b[2J" + clean[5_000_000:]
    dense = "я\x1b\x9b\u202e\x07\ud800" * 1_700_000
    assert visible(clean) == clean
    for text in (dirty, dense):
        shown = visible(text)
        assert is_visible(shown)
        assert "\x1b" not in shown
