"""The partnership agreement for the notebooks, one call each, in French: the scenarios, the
rules, a draft's review, the reference drafts.

>>> "minibus_des_collegiennes" in scenarios_convention().index
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ...content.agreement import draft_answer, scenarios
from ...content.loader import load_content
from ...content.model import Content
from ...display import html as h
from ...display.palette import ERROR, GOOD
from ...errors import IdentifiantInconnu
from .analysis import GROUPS, Check, Review, review
from .answer import normalise_answer

# What a check says, by (kind is a warning sign, secured).
_STATES = {
    (False, True): ("✓", "protégé", GOOD),
    (False, False): ("✗", "pas encore protégé", ERROR),
    (True, True): ("✓", "évité", GOOD),
    (True, False): ("⚠", "pas encore évité", ERROR),
}


def state(check: Check) -> tuple[str, str, str]:
    """(icon, French word, colour) of one check: the icon and the word say it, the colour
    only repeats it."""
    return _STATES[(check.kind == "warning_sign", check.secured)]


@dataclass(frozen=True)
class RevueConvention:
    """What a draft secures, per item of the guide, as a notebook shows it (``_repr_html_``):
    for each criterion, good practice and warning sign, the guide's words, whether the draft
    secures it, and what to add or change (or how the clauses secure it)."""

    revue: Review
    clause_labels: Mapping[str, str]

    @property
    def resume(self) -> str:
        return self.revue.summary()

    def tableau(self) -> pd.DataFrame:
        """One row per item of the guide: group, short name, guide's label, state, clauses,
        what to add."""
        rows = [
            (
                c.key,
                GROUPS[c.kind],
                c.short,
                c.label,
                state(c)[1],
                ", ".join(self.clause_labels.get(x, x) for x in c.clauses),
                " ".join(c.hints),
            )
            for c in self.revue.checks
        ]
        columns = ["id", "groupe", "nom", "intitule_guide", "etat", "clauses", "a_ajouter"]
        return pd.DataFrame(rows, columns=columns).set_index("id")

    def html_table(self, kind: str) -> str:
        """The table of one group (:data:`GROUPS`)."""
        rows = []
        for check in self.revue.group(kind):
            icon, word, colour = state(check)
            clauses = ", ".join(self.clause_labels.get(x, x) for x in check.clauses)
            advice = (
                " ".join(check.why)
                if check.secured
                else "<br>".join(f"→ {h.escape(hint)}" for hint in check.hints)
            )
            rows.append(
                [
                    f"<span style='color:{colour};font-weight:bold'>{h.escape(icon)} "
                    f"{h.escape(word)}</span>",
                    f"<strong>{h.escape(check.short)}</strong><br><em>{h.escape(check.label)}</em>",
                    h.escape(clauses),
                    h.escape(advice) if check.secured else advice,
                ]
            )
        header = ["État", "Dans le guide", "Clauses", "Ce qui le protège ou ce qu’il manque"]
        return h.table(
            header,
            rows,
            left=range(4),
            css_class="tanmia-convention",
            cell_style="vertical-align:top;white-space:normal",
        )

    def _repr_html_(self) -> str:
        parts = [h.paragraph(self.resume)]
        for kind, title in GROUPS.items():
            secured, checked = self.revue.count(kind)
            if checked:
                parts.append(h.heading(f"{title} ({secured} sur {checked})", 4))
                parts.append(self.html_table(kind))
        parts.append(
            h.paragraph(
                "Les intitulés en italique sont ceux du guide « Construction de partenariat » "
                "de l’Association Tanmia.ma ; le lien avec les clauses et les conseils sont "
                "une lecture du cours.",
                italic=True,
            )
        )
        return h.section("tanmia-convention", *parts)

    def __repr__(self) -> str:
        lines = [self.resume]
        for check in self.revue.checks:
            icon, word, _ = state(check)
            lines.append(f"{icon} {check.short} : {word}")
            lines += [f"    → {hint}" for hint in check.hints]
        return "\n".join(lines)


def review_result(answer: Mapping[str, Any], content: Content) -> RevueConvention:
    """The review of a normalised draft, ready to show."""
    labels = {c.id: str(c.label) for c in content.clauses}
    return RevueConvention(review(answer, content), labels)


def scenarios_convention() -> pd.DataFrame:
    """Les scénarios de l’exercice 04 : les études de cas, le projet de la carte des acteurs
    (le territoire fictif) et votre propre projet (``libre``), avec leurs parties de départ."""
    rows = [
        (s.id, s.title, s.summary, ", ".join(name for name, _ in s.parties) or "—")
        for s in scenarios(load_content()).values()
    ]
    frame = pd.DataFrame(rows, columns=["id", "titre", "resume", "parties"])
    return frame.set_index("id")


def regles_convention() -> pd.DataFrame:
    """Quelle clause protège quel critère ou quelle bonne pratique du guide, et quel signe
    d’alerte elle aide à éviter : les règles de l’exercice 04, une ligne par règle."""
    content = load_content()
    labels = {c.id: str(c.label) for c in content.clauses}
    items = {
        "criterion": {c.id: str(c.label) for c in content.criteria},
        "practice": {p.id: str(p.label) for p in content.practices},
        "warning_sign": {s.id: str(s.label) for s in content.warning_signs},
    }
    rows = []
    for rule in content.agreement_rules:
        kind, target = rule.target
        rows.append(
            (
                rule.id,
                GROUPS[kind],
                items[kind].get(target, target),
                ", ".join(labels.get(c, c) for c in rule.clauses),
                str(rule.why),
            )
        )
    columns = ["id", "groupe", "dans_le_guide", "clauses", "comment"]
    return pd.DataFrame(rows, columns=columns).set_index("id")


def analyser_convention(reponse: Mapping[str, Any]) -> RevueConvention:
    """Ce que protège un projet de convention donné comme un dictionnaire (la forme de
    ``convention.answer``), sans formulaire."""
    content = load_content()
    return review_result(normalise_answer(reponse, content), content)


def convention_reference(scenario: str) -> dict[str, Any]:
    """La convention de référence du cours pour un scénario (une réponse complète, à donner
    à ``tc.convention(scenario, reponse=…)`` ou à ``tc.analyser_convention``)."""
    content = load_content()
    drafts = {d.id: d for d in content.agreement_drafts}
    if scenario not in drafts:
        raise IdentifiantInconnu("Convention de référence", scenario, list(drafts), feminin=True)
    return normalise_answer(draft_answer(drafts[scenario]), content)
