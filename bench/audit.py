"""The audit exercise (exercise 03): live verdict, comparison of a class, printable report.

1. **Live verdict.** Task: change one criterion's level in the audit widget, which
   highlights the level's description, reads the whole answer back from the widgets and
   rewrites the verdict line. Baseline: change the value of a bare ``ToggleButtons`` whose
   observer writes one ``HTML`` widget — the floor any live display pays. Autosave is left
   out (it is the store's cost, the same for every exercise). Target: ≤ 4×.
2. **A class of audits.** Task: check and compare 30 audits with the reference (table, gaps,
   signs, French feedback quoting the case), as a trainer's class view would. Baseline:
   building the 30 comparison tables alone (an 11-row DataFrame from dicts, three columns
   cast to ``Int64``), the pandas floor of any tabular result. Target: ≤ 3×.
3. **Report.** Task: the standalone HTML report of a new result (a result writes its two
   pictures once, so each run builds one and writes them; they are written as SVG directly,
   no matplotlib figure made). Baseline: drawing and saving two SVG figures of the same
   sizes with a single line each, the matplotlib floor of the same pictures drawn as
   figures (the report's radar has 11 wrapped labels and polar axes). Target: ≤ 4×.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import ipywidgets as widgets
import pandas as pd
from _harness import interleaved, report
from matplotlib.figure import Figure
from tanmia_course.exercises.audit.analysis import compare, normalise_answer, reference_answer

import tanmia_course as tc
from tanmia_course.content.loader import load_content

CASE = "couscous_bahja"
CLASS_SIZE = 30


def class_answers(n: int, seed: int = 3) -> list[dict]:
    """n audits: the reference, with levels moved by -1, 0 or +1 and some signs missed."""
    rng = random.Random(seed)
    base = reference_answer(tc.etude_de_cas(CASE))
    answers = []
    for _ in range(n):
        answer = {
            "criteres": {
                cid: {
                    "niveau": min(3, max(0, r["niveau"] + rng.choice((-1, 0, 0, 1)))),
                    "preuve": r["preuve"],
                }
                for cid, r in base["criteres"].items()
            },
            "bonnes_pratiques": base["bonnes_pratiques"][: rng.randint(0, 2)],
            "signes_alerte": dict(list(base["signes_alerte"].items())[: rng.randint(0, 2)]),
            "recommandations": "Écrire un plan d’action commun.",
        }
        answers.append(answer)
    return answers


def main() -> int:
    os.environ["TANMIA_TRAVAUX"] = tempfile.mkdtemp(prefix="bench-audit-")  # no saved answer
    content = load_content()
    case = tc.etude_de_cas(CASE)
    ok = True

    audit = tc.audit_cas(CASE)
    audit._listeners.clear()  # no autosave: see the docstring
    levels = [0, 1, 2, 3]
    state = {"i": 0}
    toggle = widgets.ToggleButtons(options=[("0", 0), ("1", 1), ("2", 2), ("3", 3)], value=0)
    line = widgets.HTML()
    toggle.observe(lambda change: setattr(line, "value", f"<b>{change['new']}</b>"), "value")

    def change_level() -> None:
        state["i"] += 1
        audit.criteria["transparence"].level.value = levels[state["i"] % 4]

    def change_bare() -> None:
        state["i"] += 1
        toggle.value = levels[state["i"] % 4]

    def hundred(step):
        return lambda: [step() for _ in range(100)]

    task, base = interleaved(hundred(change_level), hundred(change_bare), repeats=9)
    ok &= report(
        "audit : 100 niveaux changés (verdict en direct)", task, base, 4, "ToggleButtons nu"
    )

    answers = class_answers(CLASS_SIZE)
    criteria, practices, signs = content.criteria, content.practices, content.warning_signs

    columns = [
        "critere",
        "votre_niveau",
        "niveau_reference",
        "ecart",
        "accord",
        "votre_feu",
        "feu_reference",
        "justification_reference",
        "passage_reference",
    ]
    rows = [
        {
            "id": c.id,
            **dict.fromkeys(columns, "x"),
            "votre_niveau": 1,
            "niveau_reference": 2,
            "ecart": -1,
        }
        for c in criteria
    ]

    def tables_only() -> None:
        for _ in answers:
            table = pd.DataFrame(rows).set_index("id")
            for column in ("votre_niveau", "niveau_reference", "ecart"):
                table[column] = table[column].astype("Int64")

    def check_and_compare() -> None:
        for a in answers:
            compare(normalise_answer(a, criteria, practices, signs), case, content)

    task, base = interleaved(check_and_compare, tables_only, repeats=9)
    ok &= report(f"audit : {CLASS_SIZE} audits comparés", task, base, 3, "tableaux seuls")

    def report_of_a_new_result() -> None:
        # A new result each time: a result draws its figures once, then reuses them.
        tc.analyser_audit(CASE, answers[0]).rapport_html()

    def bare_figures() -> None:
        # Saved as the report saves its figures: SVG, text kept as text, the whole page.
        from tanmia_course.display.picture import svg

        for size in ((7.5, 7.5), (7.5, 5.8)):
            figure = Figure(figsize=size)
            figure.add_subplot().plot([0, 1], [0, 1])
            svg(figure)

    task, base = interleaved(report_of_a_new_result, bare_figures, repeats=5)
    ok &= report("audit : rapport HTML (2 figures)", task, base, 4, "2 figures nues")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
