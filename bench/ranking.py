"""Group maths of the ranking exercise on 10,000 rankings, against only reading them.

The data is a JSON file of 10,000 answers of the exercise as the widget writes them
(``{"mode", "ordre", "justifications"}``, one sentence for each of the first three
choices; mixed forms: complete rankings, diamonds of nine, five first choices), like a
large class's hand-ins gathered in one file.

- Baseline, « lecture » : read the file (``json.loads``), take each answer's form and list,
  and check that every id is a benefit of the course (one set look-up per id). Reading a
  ranking means knowing which benefit each id is: this look-up is the floor of any use.
- Task: read the file the same way, then everything ``tc.classement_classe`` computes —
  checking every answer (the ids, no duplicate, the room of each form), ranks with ties,
  Borda points, mean ranks, quartiles and spread, Kendall's W with its tie correction and
  χ² test, each participant's τ-b with the rest of the group. Target: ≤ 1.5×.

For information, the script also prints the ratio against parsing the JSON alone.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from itertools import chain
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _harness import interleaved, report, size
from tanmia_course.exercises.ranking.analysis import DEFAULT_TOP, DIAMOND_SIZE, aggregate

from tanmia_course.content.loader import load_content
from tanmia_course.content.tables import avantages

N_RANKINGS = size(10_000, 200)
TARGET = 1.5


SENTENCES = (
    "Nos actions s’arrêtent avec le financement : il faut des partenaires qui restent.",
    "Les familles des douars ont des besoins que nous connaissons mieux que les services.",
    "La coopérative n’a ni local ni véhicule : seule, elle ne peut pas livrer ses clients.",
    "Nous avons raté un projet faute de coordination avec la commune ; plus jamais.",
    "Sans les élus et les pères de famille, le transport scolaire des filles ne tiendra pas.",
)


def make_answers(ids: list[str], m: int, seed: int = 11) -> list[dict[str, object]]:
    """m answers as the widget writes them: shared priorities and noise (Plackett–Luce by
    Gumbel noise), and one sentence justifying each of the first three choices."""
    rng = np.random.default_rng(seed)
    utility = np.linspace(2.0, -1.0, len(ids))
    scores = utility + rng.gumbel(size=(m, len(ids)))
    orders = np.argsort(-scores, axis=1)
    modes = rng.choice(["complet", "diamant", "premiers"], size=m, p=[0.6, 0.3, 0.1])
    size = {"complet": len(ids), "diamant": DIAMOND_SIZE, "premiers": DEFAULT_TOP}
    said = rng.integers(0, len(SENTENCES), size=(m, 3))
    return [
        {
            "mode": str(mode),
            "ordre": [ids[j] for j in order[: size[str(mode)]]],
            "justifications": {
                ids[j]: SENTENCES[k] for j, k in zip(order[:3], sentences, strict=True)
            },
        }
        for mode, order, sentences in zip(modes, orders, said, strict=True)
    ]


def main() -> int:
    table = avantages()
    levels = load_content().agreement_levels
    ids = list(table.index)
    answers = make_answers(ids, N_RANKINGS)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "classements.json"
        path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")

        known = set(ids)

        def parse() -> tuple[list[list[str]], list[str]]:
            data = json.loads(path.read_text(encoding="utf-8"))
            return [a["ordre"] for a in data], [a["mode"] for a in data]

        def read() -> tuple[list[list[str]], list[str]]:
            orders, modes = parse()
            if not known.issuperset(chain.from_iterable(orders)):
                raise ValueError("identifiant inconnu")
            return orders, modes

        def read_and_aggregate() -> object:
            orders, modes = parse()  # aggregate checks every id itself
            return aggregate(orders, modes, table, niveaux=levels)

        result = read_and_aggregate()
        print(f"{N_RANKINGS} classements : W = {result.w:.3f}, p = {result.p_valeur:.2g}")
        task, base = interleaved(read_and_aggregate, read, repeats=15)
        _, json_only = interleaved(parse, parse, repeats=5)
        cpu_task, cpu_base = interleaved(
            read_and_aggregate, read, repeats=15, clock=time.process_time
        )
    ok = report(
        f"classement : {N_RANKINGS} classements agrégés", task, base, TARGET, "lecture seule"
    )
    print(
        f"  (pour information : {task / json_only:.2f}× le seul json.loads du fichier, "
        f"{json_only * 1000:.1f} ms ; en temps processeur, moins sensible à la charge de la "
        f"machine : {cpu_task / cpu_base:.2f}× la lecture seule)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
