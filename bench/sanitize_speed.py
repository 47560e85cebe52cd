"""Making 10 MB of untrusted text inert, against one regex scan of the same text.

Target (issue 12, S1/S23): ``sanitize.visible`` stays linear and close to C speed whatever a text
holds, so a huge note or document never freezes a seat. The floor is one pass of C over the whole
text (encoding it as UTF-8, surrogates let through), the least any reading of every character
costs; the figure for each text is the best of several runs of ``visible`` as a ratio of it.

    python bench/sanitize_speed.py
"""

from __future__ import annotations

import time
from collections.abc import Callable

from simtrain.sanitize import visible

RUNS = 5


def best(call: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    clean = ("hello world, Привет мир, città " * 340_000)[:10_000_000]
    texts = {
        "clean 10 MB": clean,
        "one ESC in 10 MB": clean[:5_000_000] + "\x1b[2J" + clean[5_000_000:],
        "10 MB dense with controls": "я\x1b\x9b\u202e\x07\ud800" * 1_700_000,
    }
    for name, text in texts.items():
        floor = best(lambda text=text: text.encode("utf-8", "surrogatepass"))  # type: ignore[misc]
        took = best(lambda text=text: visible(text))  # type: ignore[misc]
        print(
            f"{name:28} visible {took * 1000:8.1f} ms   floor {floor * 1000:7.1f} ms   "
            f"ratio {took / floor:5.1f}x"
        )


if __name__ == "__main__":
    main()
