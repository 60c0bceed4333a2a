"""Audit of a partnership on the guide's criteria: the learner's answer, the comparison.

The rules of the traffic lights, the index and the verdict, the same for learners and for
the reference audit of a case, are the guide's: :mod:`tanmia_course.content.verdict`.

The comparison with the reference gives, per criterion, the gap (learner − reference) and
the reference's rationale; the exact agreement (same level) and the adjacent agreement (at
most one level apart, exact ones included) over the criteria both rated; the warning signs
found, missed, left unproven or added; and French feedback quoting the case.

There is no weighted kappa: on 11 items a single criterion moves it by 0.1 to 0.2, and the
reference levels of a case are deliberately skewed (mostly 0–1 in a subordination case), so
its chance correction rests on degenerate margins and can give a low or negative value to an
audit that matches 10 criteria out of 11. The gaps and the two agreement rates say the same
thing in a form a group can discuss.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ...content.model import CaseStudy, Content
from ...content.verdict import VERDICTS as VERDICTS  # for the class view
from ...content.verdict import Verdict, decide, feu
from ...display.palette import FEU_COLOURS as FEU_COLOURS  # for the class view's charts
from ...display.text import fr_number, one_line, plural

# The answer's type, also reachable here by the code that reads an audit with its analysis.
from .answer import ANSWER_KEYS, empty_answer, normalise_answer  # noqa: F401

# ---------------------------------------------------------------- learner's answer


def levels_of(answer: Mapping[str, Any]) -> dict[str, int | None]:
    return {cid: r["niveau"] for cid, r in answer["criteres"].items()}


def reference_answer(case: CaseStudy) -> dict[str, Any]:
    """The reference audit of a case written as a learner's answer (quotes as evidence)."""
    return {
        "criteres": {
            r.criterion: {"niveau": r.level, "preuve": r.quote or str(r.rationale)}
            for r in case.reference.criteria
        },
        "bonnes_pratiques": [p.id for p in case.reference.practices],
        "signes_alerte": {s.id: s.quote for s in case.reference.warning_signs},
        "recommandations": "\n".join(str(r) for r in case.reference.recommendations),
    }


def audit_verdict(answer: Mapping[str, Any], content: Content) -> Verdict:
    labels = {s.id: str(s.label) for s in content.warning_signs}
    return decide(levels_of(answer), answer["signes_alerte"], labels)


def reference_verdict(case: CaseStudy, content: Content) -> Verdict:
    """The verdict the rules give to the case's reference audit."""
    return audit_verdict(reference_answer(case), content)


# ---------------------------------------------------------------- comparison and feedback


@dataclass(frozen=True)
class RetourAudit:
    """One feedback message: ``statut`` is ``juste``, ``proche``, ``a_revoir`` or ``info``."""

    sujet: str
    statut: str
    message: str

    @property
    def icon(self) -> str:
        return _ICONS[self.statut]

    @property
    def feu(self) -> str | None:
        """The traffic light of the message (its colour): right, close, to review."""
        return _STATUS_LIGHTS[self.statut]


_ICONS = {"juste": "✓", "proche": "◐", "a_revoir": "✗", "info": "ℹ"}
_STATUS_LIGHTS = {"juste": "vert", "proche": "ambre", "a_revoir": "rouge", "info": None}


@dataclass(frozen=True)
class Comparaison:
    """A learner's audit set against the reference audit of the case (data and plain text;
    its HTML is the result's, :mod:`.report`)."""

    cas: str
    tableau: pd.DataFrame = field(repr=False)
    accord_exact: float | None
    accord_adjacent: float | None
    nb_compares: int
    signes_trouves: tuple[str, ...]
    signes_manques: tuple[str, ...]
    signes_non_prouves: tuple[str, ...]
    signes_en_trop: tuple[str, ...]
    pratiques_trouvees: tuple[str, ...]
    pratiques_manquees: tuple[str, ...]
    pratiques_en_trop: tuple[str, ...]
    verdict: Verdict
    verdict_reference: Verdict
    retours: tuple[RetourAudit, ...]
    reference_visible: bool = True

    @property
    def libelle_reference(self) -> str:
        """The reference verdict, or why it is not shown yet."""
        if self.reference_visible:
            return self.verdict_reference.libelle
        return "visible quand tous les critères sont notés"

    def resume(self) -> str:
        if self.nb_compares == 0:
            return "Aucun critère noté : rien à comparer pour l’instant."
        exact = round(self.accord_exact * self.nb_compares)
        adjacent = round(self.accord_adjacent * self.nb_compares)
        signs = (
            f"Signes d’alerte : {plural(len(self.signes_trouves), 'trouvé', 'trouvés')}, "
            f"{plural(len(self.signes_manques), 'manqué', 'manqués')}, "
            f"{len(self.signes_en_trop)} en plus."
            if self.reference_visible
            else "Signes d’alerte de la référence : visibles quand tous les critères sont notés."
        )
        return (
            "Accord exact avec la référence : "
            f"{plural(exact, 'critère', 'critères')} sur {self.nb_compares} ; "
            f"accord adjacent (au plus un niveau d’écart) : {adjacent} sur {self.nb_compares}. "
            + signs
        )

    def __repr__(self) -> str:
        lines = [
            f"Votre verdict : {self.verdict.ligne()}",
            f"Verdict de la référence : {self.libelle_reference}",
            self.resume(),
            "",
        ]
        return "\n".join(lines + [f"{r.icon} {r.sujet} : {r.message}" for r in self.retours])


def _agreement(gap: float | None, mine: int | None, ref: int | None) -> str:
    if ref is None:
        return "pas de référence"
    if mine is None:
        return "non noté"
    if gap == 0:
        return "exact"
    if abs(gap) == 1:
        return "adjacent"
    return "écart"


def _where(case: CaseStudy, quote: str | None) -> str:
    """« § 3 : « … » » for a quote of the case, or an empty string."""
    if not quote:
        return ""
    pid = case.locate(quote)
    number = f"§ {case.paragraph_number(pid)}" if pid else "texte"
    flat = one_line(quote)
    if not (flat.startswith("«") and flat.endswith("»")):
        flat = f"« {flat} »"
    return f"{number} : {flat}"


def compare(answer: Mapping[str, Any], case: CaseStudy, content: Content) -> Comparaison:
    """Compare a learner's (normalised) answer with the case's reference audit.

    The reference shows itself only where the learner has committed: the level and
    rationale of a criterion once it is rated; the reference verdict, warning signs and good
    practices once every criterion with a reference level is rated (``reference_visible``).
    """
    criteria = content.criteria
    ref = case.reference
    signs = {s.id: s for s in content.warning_signs}
    practice_names = {p.id: str(p.label) for p in content.practices}

    rows = []
    for c in criteria:
        mine = answer["criteres"][c.id]["niveau"]
        rating = ref.rating(c.id)
        shown = rating if rating is not None and mine is not None else None
        theirs = shown.level if shown else None
        gap = mine - theirs if shown else None
        rows.append(
            {
                "id": c.id,
                "critere": str(c.short),
                "votre_niveau": mine,
                "niveau_reference": theirs,
                "ecart": gap,
                "accord": _agreement(gap, mine, rating.level if rating else None),
                "votre_feu": feu(mine),
                "feu_reference": feu(theirs),
                "justification_reference": str(shown.rationale) if shown else "",
                "passage_reference": _where(case, shown.quote) if shown else "",
            }
        )
    unrated = [row["critere"] for row in rows if row["accord"] == "non noté"]
    visible = not unrated
    gaps = [row["ecart"] for row in rows if row["ecart"] is not None]
    n = len(gaps)
    exact = sum(g == 0 for g in gaps) / n if n else None
    adjacent = sum(abs(g) <= 1 for g in gaps) / n if n else None

    ticked = answer["signes_alerte"]
    confirmed = {s for s, e in ticked.items() if e.strip()}
    # Until the audit is complete, the reference's signs and practices stay hidden.
    ref_signs = {s.id: s for s in ref.warning_signs} if visible else {}
    found = tuple(s for s in signs if s in ref_signs and s in confirmed)
    unproven = tuple(s for s in signs if s in ref_signs and s in ticked and s not in confirmed)
    missed = tuple(s for s in signs if s in ref_signs and s not in ticked)
    extra = tuple(s for s in signs if visible and s in confirmed and s not in ref_signs)

    ref_practices = {p.id: p for p in ref.practices} if visible else {}
    chosen = set(answer["bonnes_pratiques"])
    p_found = tuple(p for p in practice_names if p in ref_practices and p in chosen)
    p_missed = tuple(p for p in practice_names if p in ref_practices and p not in chosen)
    p_extra = tuple(p for p in practice_names if visible and p in chosen and p not in ref_practices)

    mine_verdict = audit_verdict(answer, content)
    ref_verdict = reference_verdict(case, content)

    def at(evidence: Any) -> str:
        """Where the reference sees it, as « § 3 : « … » », a full stop and its comment."""
        comment = f" {evidence.comment}" if evidence.comment else ""
        return f"{_where(case, evidence.quote)}.{comment}"

    name = {s: str(sign.label) for s, sign in signs.items()}
    if visible:
        feedback = [_verdict_feedback(mine_verdict, ref_verdict, name)]
    else:
        feedback = [
            RetourAudit(
                "Verdict",
                "info",
                f"Votre verdict : {mine_verdict.libelle} (provisoire). Le verdict de la "
                "référence, ses signes d’alerte et ses bonnes pratiques s’affichent quand tous "
                f"les critères sont notés (encore {len(unrated)}) ; d’ici là, seuls les critères "
                "que vous avez notés sont comparés.",
            )
        ]
    feedback += [
        RetourAudit(
            f"Signe d’alerte manqué : « {name[s]} »",
            "a_revoir",
            f"Relisez le {at(ref_signs[s])} Ce signe se repère ainsi : {signs[s].explanation}",
        )
        for s in missed
    ]
    feedback += [
        RetourAudit(
            f"Signe d’alerte coché sans preuve : « {name[s]} »",
            "proche",
            "Vous l’avez vu, mais un signe ne compte qu’avec sa preuve. Le cas le montre "
            f"au {_where(case, ref_signs[s].quote)} : recopiez ce passage dans votre preuve.",
        )
        for s in unproven
    ]
    feedback += [
        RetourAudit(
            f"Signe d’alerte repéré : « {name[s]} »",
            "juste",
            f"Bien vu. Le passage de référence est au {at(ref_signs[s])}",
        )
        for s in found
    ]
    feedback += [
        RetourAudit(
            f"Signe d’alerte en plus : « {name[s]} »",
            "info",
            "La référence ne retient pas ce signe. Votre preuve : « "
            f"{one_line(ticked[s])} ». Ce passage montre-t-il vraiment ceci : "
            f"{signs[s].explanation} Si oui, défendez-le dans la discussion : la "
            "référence est un point de départ, pas une vérité absolue.",
        )
        for s in extra
    ]

    for criterion, row in zip(criteria, rows, strict=True):
        gap = row["ecart"]
        if not gap:  # not compared, or the same level
            continue
        theirs = row["niveau_reference"]
        direction = "plus haut" if gap > 0 else "plus bas"
        passage = f" Relisez le {row['passage_reference']}." if row["passage_reference"] else ""
        message = (
            f"Vous avez mis {row['votre_niveau']}, la référence {theirs} "
            f"({plural(abs(gap), 'niveau', 'niveaux')} {direction}).{passage} "
            "Justification de la référence : "
            f"{row['justification_reference']}"
        )
        if abs(gap) >= 2:
            message += f" Au niveau {theirs}, on observe : « {criterion.levels[theirs]} »"
        feedback.append(
            RetourAudit(str(criterion.short), "proche" if abs(gap) == 1 else "a_revoir", message)
        )
    same = [row["critere"] for row in rows if row["accord"] == "exact"]
    if same:
        message = f"{plural(len(same), 'critère', 'critères')} : {', '.join(same)}."
        feedback.append(RetourAudit("Même niveau que la référence", "juste", message))
    if unrated:
        message = f"{', '.join(unrated)}. Notez-les pour que votre verdict ne soit plus provisoire."
        feedback.append(RetourAudit("Critères non notés", "info", message))
    no_evidence = [
        str(c.short)
        for c in criteria
        if answer["criteres"][c.id]["niveau"] is not None
        and not answer["criteres"][c.id]["preuve"].strip()
    ]
    if no_evidence:
        message = (
            f"{', '.join(no_evidence)}. Chaque niveau doit s’appuyer sur un passage du cas "
            "(citez-le, avec son numéro de §) : c’est ce qui permet d’en discuter."
        )
        feedback.append(RetourAudit("Niveaux sans preuve", "info", message))
    feedback += [
        RetourAudit(
            f"Bonne pratique non relevée : « {practice_names[p]} »",
            "info",
            f"La référence la voit au {at(ref_practices[p])}",
        )
        for p in p_missed
    ]
    feedback += [
        RetourAudit(
            f"Bonne pratique en plus : « {practice_names[p]} »",
            "info",
            "La référence ne la relève pas dans ce cas : quel passage la montre ? "
            "Gardez-la si vous pouvez la citer.",
        )
        for p in p_extra
    ]

    levels = dict.fromkeys(("votre_niveau", "niveau_reference", "ecart"), "Int64")
    table = pd.DataFrame(rows).set_index("id").astype(levels)
    return Comparaison(
        cas=case.id,
        tableau=table,
        accord_exact=exact,
        accord_adjacent=adjacent,
        nb_compares=n,
        signes_trouves=found,
        signes_manques=missed,
        signes_non_prouves=unproven,
        signes_en_trop=extra,
        pratiques_trouvees=p_found,
        pratiques_manquees=p_missed,
        pratiques_en_trop=p_extra,
        verdict=mine_verdict,
        verdict_reference=ref_verdict,
        retours=tuple(feedback),
        reference_visible=visible,
    )


def _verdict_feedback(mine: Verdict, ref: Verdict, sign_names: Mapping[str, str]) -> RetourAudit:
    if mine.id == "a_completer":
        status = "info"
        message = (
            "Votre audit est à compléter : notez les critères et cherchez les signes d’alerte, "
            "puis comparez de nouveau."
        )
    elif mine.id == ref.id:
        status = "juste"
        message = f"Même verdict que la référence : {ref.libelle}. {ref.explication}"
    elif ref.id == "pas_un_partenariat":
        names = ", ".join(f"« {sign_names.get(s, s)} »" for s in ref.signes)
        status = "a_revoir"
        message = (
            f"Vous concluez « {mine.libelle} », la référence « {ref.libelle} » : elle confirme "
            f"{names}. Un signe d’alerte confirmé l’emporte sur toutes les notes, même bonnes."
        )
    elif mine.id == "pas_un_partenariat":
        status = "a_revoir"
        message = (
            f"Vous concluez « {mine.libelle} » à cause d’un signe d’alerte que la référence ne "
            f"retient pas ; elle conclut « {ref.libelle} ». Revoyez votre preuve plus bas."
        )
    else:
        status = "proche"
        message = (
            f"Vous concluez « {mine.libelle} » (indice {fr_number(mine.indice or 0)}), la "
            f"référence « {ref.libelle} » (indice {fr_number(ref.indice or 0)}). L’écart vient "
            "des niveaux : voyez les critères ci-dessous."
        )
    return RetourAudit("Verdict", status, message)
