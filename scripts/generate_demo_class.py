"""Generate the demo class of the trainer's class view: hand-in files of a fictional workshop.

Writes tanmia_course/content/demo/classe/: one hand-in file (``travaux_….json``, the format
of docs/travaux.md) per participant of the demo class of the ranking exercise (the 24
fictional participants of tanmia_course/content/demo/classement_classe.yaml, same names and
same rankings), with:

- their actor map: the course's reference map of Tifawin (tc.carte_acteurs), each actor
  moved by a seeded noise (some participants see an actor as more or less influential or
  interested, a few leave an actor off);
- their ranking of the benefits, with one sentence for each of their first three choices;
- their audit of the case « Le minibus des collégiennes »: the reference audit, each level
  shifted by a seeded noise, some warning signs or practices missed;
- for some, the quiz of lesson 02.

Not everyone did everything, as in a real workshop; and the folder holds four files a trainer
really receives and the class view must refuse or sort out: a copy of a file sent twice, a
file cut off in transfer, a file from a newer version of the course, a map with an actor id
the course does not know. Only ``random.Random.random()`` is used (Python keeps its sequence
stable for a seed), and all dates are fixed, so the folder is regenerated identically; a test
checks it.

Usage: ``python scripts/generate_demo_class.py`` (rewrites the folder). ``bench/handins.py``
uses :func:`synthetic_class` to write thousands of such files.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tanmia_course.content.loader import load_content  # noqa: E402
from tanmia_course.exercises.actor_map import analysis as actor_map  # noqa: E402
from tanmia_course.exercises.audit import analysis as audit  # noqa: E402
from tanmia_course.work import store  # noqa: E402

TARGET = ROOT / "tanmia_course" / "content" / "demo" / "classe"
SEED = 2025
MAP_ID = "tifawin"
CASE_ID = "minibus_des_collegiennes"
QUIZ_ID = "lecon_02"
START = datetime.fromisoformat("2025-03-15T09:00:00+01:00")
COURSE_VERSION = "0.1.0"

# Who did what (participant numbers, 1-based): the rest did not finish that exercise.
NO_MAP = {6, 17, 23}
NO_AUDIT = {3, 11, 16, 20, 24}
QUIZ = {1, 2, 5, 8, 10, 12, 14, 19, 21}
DOUBLE_SENT = 7  # sent their file twice: the second copy is the older one

WHY = (
    "Pour Tifawin, c’est ce qui décide si le minibus des filles roule encore dans trois ans.",
    "Sans cela, chaque association des douars continue seule avec ses petits moyens.",
    "C’est ce que la commune nous demande de montrer avant de s’engager.",
    "La Coopérative Nour en a besoin pour vendre son couscous au-delà du souk.",
    "Nous l’avons vécu : seuls, nous n’aurions jamais obtenu le local.",
    "Les familles des douars ne suivent un projet que si elles y trouvent leur compte.",
)
RECOMMENDATIONS = (
    "Écrire noir sur blanc ce que chaque partenaire retire du projet, et en parler au comité.",
    "Faire tourner la présidence du comité de pilotage entre les partenaires.",
    "Prévoir dans la convention ce qui se passe si un partenaire se retire.",
    "Associer davantage les mères au choix des horaires et des arrêts.",
    "Garder la fiche d’expérience à jour chaque année, pas seulement à la fin.",
)


def _pick(rng: random.Random, items: list[Any] | tuple[Any, ...]) -> Any:
    return items[min(int(rng.random() * len(items)), len(items) - 1)]


def _shift(rng: random.Random, value: int, low: int, high: int, wide: float = 0.1) -> int:
    """Move a value by −1, 0 or +1 (sometimes ±2), kept within [low, high]."""
    u = rng.random()
    step = (
        -2 if u < wide / 2 else -1 if u < 0.25 else 0 if u < 0.75 else 1 if u < 1 - wide / 2 else 2
    )
    return max(low, min(high, value + step))


def actor_map_answer(rng: random.Random, vocab: Any) -> dict[str, Any]:
    reference = actor_map.reference_answer(MAP_ID, vocab)
    stances = list(vocab.stances)
    actors = []
    for entry in reference["actors"]:
        if rng.random() < 0.08:
            continue  # left off this participant's map
        moved = dict(entry)
        moved["influence"] = _shift(rng, entry["influence"], 1, 5)
        moved["interest"] = _shift(rng, entry["interest"], 1, 5)
        if rng.random() < 0.2:
            i = stances.index(entry["stance"])
            moved["stance"] = stances[max(0, min(len(stances) - 1, i + _pick(rng, (-1, 1))))]
        moved.pop("note", None)
        actors.append(moved)
    kept = {a["id"] for a in actors}
    links = [
        link
        for link in reference["links"]
        if link["source"] in kept and link["target"] in kept and rng.random() < 0.85
    ]
    return {"actors": actors, "links": links}


def ranking_answer(rng: random.Random, ranking: Any) -> dict[str, Any]:
    order = list(ranking.order)
    return {
        "mode": ranking.mode,
        "ordre": order,
        "justifications": {b: _pick(rng, WHY) for b in order[:3]},
    }


def audit_answer(rng: random.Random, case: Any) -> dict[str, Any]:
    answer = audit.reference_answer(case)
    for rating in answer["criteres"].values():
        rating["niveau"] = _shift(rng, rating["niveau"], 0, 3, wide=0.06)
        if rng.random() < 0.15:
            rating["preuve"] = ""
    answer["bonnes_pratiques"] = [p for p in answer["bonnes_pratiques"] if rng.random() < 0.8]
    answer["signes_alerte"] = {
        s: quote for s, quote in answer["signes_alerte"].items() if rng.random() < 0.7
    }
    answer["recommandations"] = _pick(rng, RECOMMENDATIONS)
    return answer


def quiz_answer(rng: random.Random, quiz: Any) -> dict[str, Any]:
    answer: dict[str, Any] = {}
    for question in quiz.questions:
        right = [o.id for o in question.options if o.correct]
        ids = [o.id for o in question.options]
        if question.type == "single":
            answer[question.id] = right[0] if rng.random() < 0.7 else _pick(rng, ids)
        else:
            answer[question.id] = [o for o in ids if (o in right) == (rng.random() < 0.85)]
    return answer


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def handin(name: str, answers: dict[str, dict[str, Any]], minutes: int) -> dict[str, Any]:
    """A hand-in document (format 1) with fixed dates, ``minutes`` after the workshop start."""
    done = START + timedelta(minutes=minutes)
    return {
        "schema": store.HANDIN_SCHEMA,
        "version": store.FORMAT_VERSION,
        "nom": name,
        "version_cours": COURSE_VERSION,
        "cree": _stamp(START + timedelta(minutes=minutes // 2)),
        "modifie": _stamp(done),
        "reponses": {
            eid: {"modifie": _stamp(done - timedelta(minutes=5 * (len(answers) - i))), "reponse": a}
            for i, (eid, a) in enumerate(answers.items())
        },
    }


def _dump(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def demo_class(seed: int = SEED) -> dict[str, bytes]:
    """The demo class folder: file name → content."""
    content = load_content()
    rng = random.Random(seed)
    vocab = actor_map.vocabulary(content)
    case = next(c for c in content.case_studies if c.id == CASE_ID)
    quiz = next(q for q in content.quizzes if q.id == QUIZ_ID)
    group = next(g for g in content.ranking_groups if g.id == "classe_demo")
    files: dict[str, bytes] = {}
    for number, ranking in enumerate(group.rankings, start=1):
        answers: dict[str, dict[str, Any]] = {}
        if number not in NO_MAP:
            answers["cartographie_acteurs"] = actor_map_answer(rng, vocab)
        answers["classement_avantages"] = ranking_answer(rng, ranking)
        if number not in NO_AUDIT:
            answers[f"audit_{CASE_ID}"] = audit_answer(rng, case)
        if number in QUIZ:
            answers[f"quiz_{QUIZ_ID}"] = quiz_answer(rng, quiz)
        name = str(ranking.label)
        doc = handin(name, answers, minutes=300 + int(rng.random() * 90))
        files[store.handin_filename(name)] = _dump(doc)
        if number == DOUBLE_SENT:
            older = dict(doc, modifie=_stamp(START + timedelta(minutes=240)))
            older["reponses"] = {"classement_avantages": doc["reponses"]["classement_avantages"]}
            files[f"{store.handin_filename(name)[:-5]} (1).json"] = _dump(older)
    # What else lands in a trainer's folder.
    # A file cut off in transfer (weak connection): only its first half arrived.
    cut = _dump(handin("P26 (réseau associatif)", {}, minutes=320))
    files["travaux_p26_reseau_associatif.json"] = cut[: len(cut) // 2]
    future = handin("Groupe de la coopérative Tiwizi", {}, minutes=330)
    future["version"] = store.FORMAT_VERSION + 1
    files["travaux_groupe_tiwizi.json"] = _dump(future)
    odd_map = actor_map_answer(rng, vocab)
    # An actor id this version of the course does not know (typed by hand in the file).
    odd_map["actors"].append(
        dict(actor_map.new_actor("population", vocab), id="radio_amazighe", influence=2)
    )
    odd = handin(
        "P25 (association de douar)",
        {
            "cartographie_acteurs": odd_map,
            "classement_avantages": ranking_answer(rng, group.rankings[0]),
        },
        minutes=350,
    )
    files["travaux_p25_association_de_douar.json"] = _dump(odd)
    return files


def synthetic_class(n: int, seed: int = SEED) -> list[bytes]:
    """``n`` hand-in files of the same shape as the demo class (for benchmarks): every
    participant did the map, a ranking (random order), the audit and the quiz."""
    content = load_content()
    rng = random.Random(seed)
    vocab = actor_map.vocabulary(content)
    case = next(c for c in content.case_studies if c.id == CASE_ID)
    quiz = next(q for q in content.quizzes if q.id == QUIZ_ID)
    ids = [b.id for b in content.benefits]
    out = []
    for i in range(n):
        order = sorted(ids, key=lambda _: rng.random())
        mode = "diamant" if i % 5 == 0 else "complet"
        order = order[:9] if mode == "diamant" else order
        answers = {
            "cartographie_acteurs": actor_map_answer(rng, vocab),
            "classement_avantages": {
                "mode": mode,
                "ordre": order,
                "justifications": {b: _pick(rng, WHY) for b in order[:3]},
            },
            f"audit_{CASE_ID}": audit_answer(rng, case),
            f"quiz_{QUIZ_ID}": quiz_answer(rng, quiz),
        }
        out.append(_dump(handin(f"Participant {i + 1:05d}", answers, minutes=i % 600)))
    return out


def main() -> None:
    files = demo_class()
    TARGET.mkdir(parents=True, exist_ok=True)
    for old in TARGET.iterdir():
        if old.name not in files:
            old.unlink()
    for name, data in files.items():
        (TARGET / name).write_bytes(data)
    print(f"Écrit : {len(files)} fichiers dans {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
