"""Generate the demo class of the exercise « Classement des avantages ».

Writes tanmia_course/content/demo/classement_classe.yaml: 24 fictional participants of a
workshop at Aït Sidi Brahim rank the 21 benefits of partnership. The class has structure,
like a real one: priorities everyone shares, priorities that depend on who you are
(association of a douar, cooperative, network, commune) and individual noise; some
participants made a diamond of nine or kept only their five first choices.

Model: each participant gives every benefit a utility (shared priority + their profile's
bonus) plus Gumbel noise, and ranks by the total — a Plackett–Luce ranking. Only
``random.Random.random()`` is used, whose sequence Python keeps stable for a given seed, so
the file can be regenerated identically; tests/test_demo_rankings.py checks that it is.

Usage: ``python scripts/generate_demo_rankings.py`` (rewrites the file).
"""

from __future__ import annotations

import json
import math
import random
import textwrap
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BENEFITS = ROOT / "tanmia_course" / "content" / "guide" / "benefits.yaml"
TARGET = ROOT / "tanmia_course" / "content" / "demo" / "classement_classe.yaml"
SEED = 2024
TOP = 5  # « premiers » : the five first choices (about a quarter of 21, as in dot voting)

# What the whole class tends to expect from a partner (utility on a logit scale).
SHARED = {
    "durabilite_actions": 2.2,
    "ressources_supplementaires": 2.0,
    "reponses_adaptees": 1.8,
    "actions_efficaces_durables": 1.5,
    "mutualiser_efforts": 1.2,
    "maximiser_impact": 1.0,
    "utiliser_competences": 0.9,
    "reponses_coordonnees": 0.8,
    "co_responsabilite": 0.6,
    "echanger_experiences": 0.5,
    "renforcer_solidarite": 0.5,
    "sensibiliser_acteurs": 0.4,
    "rationaliser_ressources": 0.4,
    "elargir_competences": 0.3,
    "ameliorer_rendement": 0.3,
    "inspirer_experiences": 0.2,
    "solutions_creatrices": 0.1,
    "aspects_developpement": 0.0,
    "informer_s_informer": -0.2,
    "elargir_reflexion": -0.3,
    "approches_holistiques": -0.5,
}

# Who is in the room, and what each kind of structure values more than the others.
PROFILES = {
    "association de douar": {
        "ressources_supplementaires": 1.0,
        "reponses_adaptees": 0.6,
        "renforcer_solidarite": 0.5,
    },
    "coopérative": {
        "ameliorer_rendement": 1.5,
        "mutualiser_efforts": 1.2,
        "utiliser_competences": 0.8,
        "elargir_competences": 0.8,
        "ressources_supplementaires": 0.3,
    },
    "réseau associatif": {
        "sensibiliser_acteurs": 1.6,
        "informer_s_informer": 1.2,
        "renforcer_solidarite": 1.0,
        "echanger_experiences": 0.8,
        "reponses_coordonnees": 0.6,
    },
    "commune et services": {
        "reponses_coordonnees": 1.4,
        "rationaliser_ressources": 1.2,
        "aspects_developpement": 1.0,
        "approches_holistiques": 1.0,
        "co_responsabilite": 0.8,
    },
}
# Participant n° i (1-based) → profile, and the form of ranking some of them used.
SEATS = (
    ["association de douar"] * 9
    + ["coopérative"] * 6
    + ["réseau associatif"] * 5
    + ["commune et services"] * 4
)
DIAMONDS = {4, 9, 13, 18, 22}
TOPS = {7, 15, 20}


def benefit_ids() -> list[str]:
    data = yaml.safe_load(BENEFITS.read_text(encoding="utf-8"))
    ids = [item["id"] for item in data["items"]]
    if set(ids) != set(SHARED):
        raise SystemExit(
            "Les avantages du cours ont changé : mettez à jour SHARED dans ce script "
            f"(en trop : {sorted(set(SHARED) - set(ids))} ; manquants : "
            f"{sorted(set(ids) - set(SHARED))})."
        )
    return ids


def rankings(seed: int = SEED) -> list[dict[str, object]]:
    """The class's rankings: id, label, mode, order (most important first)."""
    rng = random.Random(seed)
    ids = benefit_ids()
    people = []
    # Interleave profiles so that participant numbers do not give the profile away.
    seats = sorted(range(len(SEATS)), key=lambda i: (i % 6, i))
    for number, seat in enumerate(seats, start=1):
        profile = SEATS[seat]
        bonus = PROFILES[profile]
        scores = {}
        for benefit in ids:
            u = rng.random()
            gumbel = -math.log(-math.log(u)) if 0 < u < 1 else 0.0
            scores[benefit] = SHARED[benefit] + bonus.get(benefit, 0.0) + gumbel
        order = sorted(ids, key=lambda b: (-scores[b], ids.index(b)))
        mode = "diamant" if number in DIAMONDS else "premiers" if number in TOPS else "complet"
        if mode == "diamant":
            order = order[:9]
        elif mode == "premiers":
            order = order[:TOP]
        people.append(
            {
                "id": f"p{number:02d}",
                "label": f"P{number:02d} ({profile})",
                "mode": mode,
                "order": order,
            }
        )
    return people


def _flow(ids: list[str], indent: int) -> str:
    text = "[" + ", ".join(ids) + "]"
    wrapped = textwrap.fill(
        text,
        width=96,
        initial_indent=" " * (indent + 6),  # room for "order: " on the first line
        subsequent_indent=" " * indent,
        break_on_hyphens=False,
    )
    return wrapped.lstrip()


def render(seed: int = SEED) -> str:
    """The YAML text of the demo class file."""
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731 (a YAML double-quoted scalar)
    lines = [
        "# Classe de démonstration de l’exercice « Classement des avantages » (contenu du cours).",
        f"# Fichier généré par scripts/generate_demo_rankings.py (graine {seed}) : ne le modifiez",
        "# pas à la main, relancez le script. Les participants et leurs classements sont fictifs.",
        "kind: rankings",
        "description:",
        "  fr: "
        + q(
            "Classements fictifs des vingt et un avantages du partenariat (guide de "
            "l’Association Tanmia.ma), pour voir ce que donne un classement de groupe en "
            "autoformation. Écrits pour le cours : ils ne viennent pas d’un vrai atelier."
        ),
        "items:",
        "  - id: classe_demo",
        "    source: course",
        "    label: {fr: " + q("Classe de démonstration (atelier d’Aït Sidi Brahim)") + "}",
        "    description:",
        "      fr: "
        + q(
            "Vingt-quatre participants fictifs d’un atelier de la commune rurale d’Aït Sidi "
            "Brahim : membres d’associations de douar (dont Tifawin), de la Coopérative Nour "
            "et d’autres coopératives, d’un réseau associatif provincial, de la commune et "
            "des services extérieurs. Seize ont classé les vingt et un avantages, cinq ont "
            "fait un diamant de neuf cartes et trois n’ont gardé que leurs cinq premiers "
            "choix."
        ),
        "    rankings:",
    ]
    for person in rankings(seed):
        lines += [
            f"      - id: {person['id']}",
            "        label: {fr: " + q(person["label"]) + "}",
            f"        mode: {person['mode']}",
            "        order: " + _flow(person["order"], indent=10),  # type: ignore[arg-type]
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(render(), encoding="utf-8")
    print(f"Écrit : {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
