"""Checks on case studies that a JSON Schema cannot make, with French messages.

They run when the content is loaded (and in ``tanmia-course valider``): ids of criteria,
practices, warning signs and actors must exist; every quote must be found, as written, in
one paragraph of the narrative; every criterion of the guide needs a reference level; the
expected verdict, when given, must be the one the rules give.
"""

from __future__ import annotations

from typing import Any

from ...content.model import CaseStudy
from ...errors import Probleme
from .analysis import LEVELS, VERDICTS, decide

_FOLD = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "‑": "-",
        "…": "...",
    }
)


def _fold(text: str) -> str:
    """Text with typographic variants merged and all spaces removed (for hints only)."""
    return "".join(text.translate(_FOLD).lower().split())


def _short(quote: str, size: int = 70) -> str:
    flat = " ".join(quote.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def quote_problem(case: CaseStudy, quote: str) -> str | None:
    """Why ``quote`` is not a passage of the case's narrative, or None if it is one."""
    if case.locate(quote):
        return None
    folded = _fold(quote)
    for number, paragraph in enumerate(case.paragraphs, start=1):
        if folded and folded in _fold(paragraph.text.fr):
            return (
                f"la citation « {_short(quote)} » n’est pas recopiée exactement : elle ressemble "
                f"à un passage du § {number} (paragraphe « {paragraph.id} »), mais les "
                "apostrophes (’ ou '), les guillemets, les tirets ou les majuscules diffèrent ; "
                "copiez-collez le passage depuis le récit"
            )
    if folded and folded in "".join(_fold(p.text.fr) for p in case.paragraphs):
        return (
            f"la citation « {_short(quote)} » chevauche deux paragraphes : citez un passage "
            "pris dans un seul paragraphe"
        )
    return (
        f"la citation « {_short(quote)} » ne se trouve dans aucun paragraphe du récit ; "
        "recopiez un passage tel quel (les retours à la ligne et les espaces répétés comptent "
        "pour un seul espace)"
    )


def _known(kind: str, wanted: str, known: dict[str, Any]) -> str:
    return f"{kind} « {wanted} » inconnu ; identifiants possibles : {', '.join(known)}"


def case_study_problems(
    merged: dict[str, dict[str, Any]], where: dict[tuple[str, str], str]
) -> list[Probleme]:
    """Every cross-check problem of the case studies in ``merged`` (see the module doc)."""
    criteria = merged["criteria"]
    practices = merged["practices"]
    signs = merged["warning_signs"]
    actors = merged["actors"]
    # The guide's criteria (and the course's) must be rated; a criterion a trainer adds is
    # optional, so that adding one does not break every case already written.
    required = [c for c in criteria.values() if c.source != "trainer"]
    problems: list[Probleme] = []
    for case in merged["case_studies"].values():
        label = where[("case_studies", case.id)]
        found: list[Probleme] = []

        def add(
            message: str,
            field: str,
            found: list[Probleme] = found,
            label: str = label,
            case_id: str = case.id,
        ) -> None:
            found.append(Probleme(label, message, case_id, field))

        seen: set[str] = set()
        for number, paragraph in enumerate(case.paragraphs, start=1):
            if paragraph.id in seen:
                add(
                    f"le § {number} reprend l’identifiant « {paragraph.id} » d’un paragraphe "
                    "précédent ; chaque paragraphe doit avoir le sien",
                    "paragraphs",
                )
            seen.add(paragraph.id)
        for number, actor in enumerate(case.actors, start=1):
            if actor.category is not None and actor.category not in actors:
                add(
                    _known("acteur du guide", actor.category, actors),
                    f"actors (acteur n° {number}, « {actor.name} »).category",
                )

        for rating in case.reference.criteria:
            field = f"reference.criteria.{rating.criterion}"
            if rating.criterion not in criteria:
                add(_known("critère", rating.criterion, criteria), field)
            if rating.level not in LEVELS:
                add(f"le niveau doit être 0, 1, 2 ou 3 (reçu : {rating.level!r})", f"{field}.level")
            if rating.quote is not None and (why := quote_problem(case, rating.quote)):
                add(why, f"{field}.quote")
        missing = [c for c in required if case.reference.rating(c.id) is None]
        if missing:
            names = ", ".join(f"{c.id} ({c.short})" for c in missing)
            add(
                f"niveau de référence manquant pour {len(missing)} critère(s) : {names} ; "
                "chaque critère du guide doit avoir un bloc avec « level » et « rationale »",
                "reference.criteria",
            )
        for kind, items, known, noun in (
            ("practices", case.reference.practices, practices, "bonne pratique"),
            ("warning_signs", case.reference.warning_signs, signs, "signe d’alerte"),
        ):
            for evidence in items:
                field = f"reference.{kind}.{evidence.id}"
                if evidence.id not in known:
                    add(_known(noun, evidence.id, known), field)
                if why := quote_problem(case, evidence.quote):
                    add(why, f"{field}.quote")

        expected = case.reference.verdict
        if expected is not None and expected not in VERDICTS:
            add(
                f"verdict « {expected} » inconnu ; verdicts possibles : "
                f"{', '.join(v for v in VERDICTS if v != 'a_completer')}",
                "reference.verdict",
            )
        elif expected is not None and not found:
            computed = decide(
                {r.criterion: r.level for r in case.reference.criteria},
                {s.id: s.quote for s in case.reference.warning_signs},
                {s.id: str(s.label) for s in signs.values()},
            )
            if computed.id != expected:
                add(
                    f"le verdict attendu « {expected} » n’est pas celui que donnent les règles "
                    f"à cet audit de référence : « {computed.id} » ({computed.explication}) "
                    "Corrigez le verdict attendu, ou les niveaux et les signes d’alerte "
                    "(règles : docs/etudes_de_cas.md)",
                    "reference.verdict",
                )
        problems += found
    return problems
