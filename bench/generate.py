"""A large, valid, three-language scenario for the speed benchmarks.

``python bench/generate.py OUT_DIR [--injects N]`` writes ``OUT_DIR/scenario.yaml``: N injects over
five days, every text inline in English, Russian and Italian, decisions and condition triggers
throughout, so the loader and the engine meet the shapes a real scenario has, only more of them.
About 12 MB at 5,000 injects.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ROLES = [
    "investigator",
    "financial-investigator",
    "labour-inspector",
    "prosecutor",
    "ngo",
    "social-services",
    "lawyer",
    "mediator",
    "press-officer",
]
CHANNELS = ["phone", "email", "document", "meeting", "media", "actor", "radio"]
EN = (
    "The duty officer at the reception centre reports that a young woman among last night's "
    "arrivals says she owes a large debt to the man who organised her journey and is afraid "
    "of what will happen to her family if she does not pay. She asks to speak to someone she "
    "can trust, and an interpreter is available for the next two hours only."
)
RU = (
    "Дежурный центра приёма сообщает, что молодая женщина из прибывших прошлой ночью говорит, "
    "что должна крупную сумму человеку, организовавшему её поездку, и боится за свою семью, "
    "если не заплатит. Она просит поговорить с тем, кому можно доверять; переводчик свободен "
    "только ближайшие два часа."
)
IT = (
    "L'ufficiale di turno del centro di accoglienza riferisce che una giovane donna tra gli "
    "arrivi della notte dice di avere un grosso debito con l'uomo che ha organizzato il suo "
    "viaggio e teme per la sua famiglia se non pagherà. Chiede di parlare con qualcuno di cui "
    "fidarsi; un interprete è disponibile solo per le prossime due ore."
)

NOTE_EN = "Play the caller as anxious and hurried; note whether the team asks for the interpreter."
NOTE_RU = "Играйте звонящего встревоженным и торопливым; отметьте, просит ли команда переводчика."
NOTE_IT = (
    "Interpretate chi chiama come ansioso e frettoloso; notate se la squadra chiede l'interprete."
)
ACT_EN = "Arranges a private interview with an interpreter and a support worker present."
ACT_RU = "Организует беседу наедине в присутствии переводчика и сотрудника службы поддержки."
ACT_IT = "Organizza un colloquio riservato alla presenza di un interprete e di un'operatrice."


def text(en: str, ru: str, it: str, indent: str) -> str:
    pad = indent + "  "
    return f"\n{pad}en: >-\n{pad}  {en}\n{pad}ru: >-\n{pad}  {ru}\n{pad}it: >-\n{pad}  {it}"


def generate(injects: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    days = 5
    out = [
        "# yaml-language-server: $schema=../../schema/scenario.schema.json",
        "simtrain: 1",
        "id: bench-large",
        "language: en",
        "translations: [ru, it]",
        "title:"
        + text(
            "A very large exercise", "Очень большие учения", "Un'esercitazione molto grande", ""
        ),
        "objectives:",
    ]
    for k in range(6):
        out.append(f"  - id: objective-{k}")
        out.append("    text:" + text(f"Objective {k}", f"Цель {k}", f"Obiettivo {k}", "    "))
    out.append("roles:")
    for role in ROLES:
        out.append(f"  - id: {role}")
        out.append("    name:" + text(role, role, role, "    "))
        out.append("    briefing:" + text(EN, RU, IT, "    "))
    out.append("characters:")
    for k in range(12):
        out.append(f"  - id: character-{k}")
        out.append("    played_by: actor")
        out.append("    name:" + text(f"Person {k}", f"Лицо {k}", f"Persona {k}", "    "))
        out.append("    brief:" + text(EN, RU, IT, "    "))
    out.append("phases:")
    for d in range(days):
        out.append(f"  - id: day-{d + 1}")
        out.append("    title:" + text(f"Day {d + 1}", f"День {d + 1}", f"Giorno {d + 1}", "    "))
        out.append("    duration: 8h")
    out.append("injects:")
    options: list[str] = []
    for i in range(injects):
        day = i * days // injects + 1
        out.append(f"  - id: inject-{i}")
        out.append(f"    phase: day-{day}")
        if options and rng.random() < 0.2:
            out.append(f"    after: {{chose: {rng.choice(options)}}}")
            out.append("    delay: 20m")
        elif i > 10 and rng.random() < 0.1:
            out.append(f"    after: {{delivered: inject-{rng.randrange(i)}}}")
        else:
            minutes = rng.randrange(0, 8 * 60)
            out.append(f'    at: "{minutes // 60}:{minutes % 60:02d}"')
        out.append(f"    from: character-{rng.randrange(12)}")
        targets = rng.sample(ROLES, 2)
        out.append(f"    to: [{', '.join(targets)}]")
        out.append(f"    channel: {rng.choice(CHANNELS)}")
        out.append("    title:" + text(f"Inject {i}", f"Инжект {i}", f"Inject {i}", "    "))
        out.append("    message:" + text(EN, RU, IT, "    "))
        out.append("    control_note:" + text(NOTE_EN, NOTE_RU, NOTE_IT, "    "))
        out.append("    expect:")
        out.append(f"      - id: expect-{i}")
        out.append(f"        by: {targets[0]}")
        out.append(f"        objective: objective-{i % 6}")
        out.append("        points: 10")
        out.append("        within: 45m")
        out.append("        text:" + text(ACT_EN, ACT_RU, ACT_IT, "        "))
        if i % 25 == 0:
            out.append("    decision:")
            out.append("      prompt:" + text("What now?", "Что дальше?", "E adesso?", "      "))
            out.append("      options:")
            for o in ("a", "b"):
                options.append(f"option-{i}-{o}")
                out.append(f"        - id: option-{i}-{o}")
                out.append(
                    "          text:"
                    + text(f"Option {o}", f"Вариант {o}", f"Opzione {o}", "          ")
                )
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--injects", type=int, default=5000)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scenario.yaml").write_text(generate(args.injects), encoding="utf-8")


if __name__ == "__main__":
    main()
