"""Audit of a partnership on the guide's criteria: traffic lights, index, verdict, comparison.

The rules, the same for learners and for the reference audit of a case:

- **Traffic light of a criterion** (its level, 0 to 3, or a mean of levels): green from
  2.5, amber from 1.5 to just under 2.5, red under 1.5. With whole levels: 3 is green,
  2 amber, 0 and 1 red.
- **Overall index**: the mean level of the *rated* criteria divided by 3, from 0 to 1.
- **Verdict**, the first rule that applies:

  1. at least one warning sign is *confirmed* (ticked and backed by evidence): « Pas un
     véritable partenariat », whatever the levels (the guide: there is then no true
     partnership);
  2. no criterion rated: « Audit à compléter »;
  3. index ≥ 0.75 and no criterion red: « Partenariat solide »;
  4. index ≥ 0.5: « Partenariat à consolider »;
  5. otherwise: « Partenariat fragile ».

  The verdict is *provisional* while some criteria are not rated.

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

import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from html import escape
from typing import Any

import pandas as pd

from ...content.model import UNTICKED_EVIDENCE, CaseStudy, Content, Criterion  # noqa: F401

# The answer's type, also reachable here by the code that reads an audit with its analysis.
from .answer import ANSWER_KEYS, LEVELS, empty_answer, normalise_answer  # noqa: F401

GREEN_FROM = 2.5
AMBER_FROM = 1.5
SOLID_INDEX = Fraction(3, 4)
CONSOLIDATE_INDEX = Fraction(1, 2)

FEU_LABELS = {"vert": "Vert", "ambre": "Ambre", "rouge": "Rouge"}
# Okabe-Ito colours (readable by colour-blind viewers); a text label always goes with them.
FEU_COLOURS = {"vert": "#009E73", "ambre": "#E69F00", "rouge": "#D55E00", None: "#999999"}
FEU_MEANINGS = {
    "vert": "acquis : le critère est pleinement réalisé",
    "ambre": "à discuter : réalisé en partie",
    "rouge": "préoccupant : absent ou à peine amorcé",
}

VERDICTS = {
    "pas_un_partenariat": "Pas un véritable partenariat",
    "a_completer": "Audit à compléter",
    "partenariat_solide": "Partenariat solide",
    "partenariat_a_consolider": "Partenariat à consolider",
    "partenariat_fragile": "Partenariat fragile",
}
VERDICT_FEUX = {
    "pas_un_partenariat": "rouge",
    "a_completer": None,
    "partenariat_solide": "vert",
    "partenariat_a_consolider": "ambre",
    "partenariat_fragile": "rouge",
}


def _fr_number(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


# ---------------------------------------------------------------- traffic lights and index


def feu(niveau: float | None) -> str | None:
    """The traffic light of a level (or of a mean of levels): ``"vert"``, ``"ambre"`` or
    ``"rouge"``; None when the criterion is not rated.

    >>> [feu(n) for n in (0, 1, 2, 3)]
    ['rouge', 'rouge', 'ambre', 'vert']
    >>> feu(2.5), feu(1.5), feu(None)
    ('vert', 'ambre', None)
    """
    if niveau is None or niveau is pd.NA:
        return None
    is_number = isinstance(niveau, numbers.Real) and not isinstance(niveau, bool)
    if is_number and niveau != niveau:  # NaN: not rated
        return None
    if not is_number or not 0 <= niveau <= 3:
        raise ValueError(f"Un niveau va de 0 à 3 ; reçu : {niveau!r}.")
    if niveau >= GREEN_FROM:
        return "vert"
    if niveau >= AMBER_FROM:
        return "ambre"
    return "rouge"


def _exact_index(levels: Iterable[int]) -> Fraction | None:
    rated = list(levels)
    return Fraction(sum(rated), 3 * len(rated)) if rated else None


def indice(niveaux: Mapping[str, int | None]) -> float | None:
    """Mean level of the rated criteria divided by 3 (0 to 1); None if nothing is rated.

    >>> indice({"convergence": 3, "transparence": 1, "duree": None})
    0.6666666666666666
    """
    value = _exact_index(v for v in niveaux.values() if v is not None)
    return None if value is None else float(value)


# ---------------------------------------------------------------- verdict


@dataclass(frozen=True)
class Verdict:
    """The verdict on an audit and the rule that gave it (see the module's docstring)."""

    id: str
    explication: str
    indice: float | None
    nb_notes: int
    nb_criteres: int
    nb_rouges: int
    signes: tuple[str, ...] = ()
    signes_a_prouver: tuple[str, ...] = ()

    @property
    def libelle(self) -> str:
        return VERDICTS[self.id]

    @property
    def provisoire(self) -> bool:
        """True while some criteria are not rated (a confirmed sign is never provisional)."""
        return self.id != "pas_un_partenariat" and self.nb_notes < self.nb_criteres

    @property
    def feu(self) -> str | None:
        return VERDICT_FEUX[self.id]

    def ligne(self) -> str:
        """One line for the live display: verdict, index, criteria rated."""
        parts = [self.libelle + (" (provisoire)" if self.provisoire else "")]
        if self.indice is not None:
            parts.append(f"indice {_fr_number(self.indice)}")
        parts.append(f"{self.nb_notes} critère(s) noté(s) sur {self.nb_criteres}")
        if self.signes_a_prouver:
            parts.append(f"{len(self.signes_a_prouver)} signe(s) d’alerte coché(s) sans preuve")
        return " — ".join(parts)

    def __repr__(self) -> str:
        return f"{self.ligne()}\n{self.explication}"

    def _repr_html_(self) -> str:
        colour = FEU_COLOURS[self.feu]
        return (
            f"<div style='border-left:6px solid {colour};padding:0.3em 0.8em'>"
            f"<strong>{escape(self.ligne())}</strong><br>{escape(self.explication)}</div>"
        )


def _sign_label(sign_id: str, labels: Mapping[str, str] | None) -> str:
    return f"« {labels[sign_id]} »" if labels and sign_id in labels else f"« {sign_id} »"


def decide(
    niveaux: Mapping[str, int | None],
    signes: Mapping[str, str] | None = None,
    sign_labels: Mapping[str, str] | None = None,
) -> Verdict:
    """Apply the verdict rules to levels (criterion id → 0–3 or None) and warning signs
    (sign id → evidence; a sign counts only with non-blank evidence).

    >>> decide({"a": 3, "b": 3}).id
    'partenariat_solide'
    >>> decide({"a": 3, "b": 3}, {"pouvoir_concentre": "§ 4 : le directeur décide seul"}).id
    'pas_un_partenariat'
    >>> decide({"a": 3, "b": 3}, {"pouvoir_concentre": "  "}).id
    'partenariat_solide'
    """
    signes = dict(signes or {})
    if sign_labels:  # the content's order, whatever the order of the answer
        order = list(sign_labels)
        signes = dict(
            sorted(
                signes.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)
            )
        )
    confirmed = tuple(s for s, evidence in signes.items() if str(evidence).strip())
    unproven = tuple(s for s in signes if s not in confirmed)
    rated = [v for v in niveaux.values() if v is not None]
    exact = _exact_index(rated)
    reds = sum(feu(v) == "rouge" for v in rated)
    base = {
        "indice": None if exact is None else float(exact),
        "nb_notes": len(rated),
        "nb_criteres": len(niveaux),
        "nb_rouges": reds,
        "signes": confirmed,
        "signes_a_prouver": unproven,
    }
    if confirmed:
        names = ", ".join(_sign_label(s, sign_labels) for s in confirmed)
        return Verdict(
            "pas_un_partenariat",
            f"Signe d’alerte confirmé : {names}. Selon le guide, il n’y a alors pas de "
            "véritable relation de partenariat, quels que soient les niveaux des critères.",
            **base,
        )
    if exact is None:
        return Verdict(
            "a_completer",
            "Aucun critère n’est noté : donnez un niveau de 0 à 3 à chaque critère, avec sa "
            "preuve.",
            **base,
        )
    shown = _fr_number(float(exact))
    if exact >= SOLID_INDEX and reds == 0:
        return Verdict(
            "partenariat_solide",
            f"Indice {shown} (au moins 0,75) et aucun critère au rouge.",
            **base,
        )
    if exact >= CONSOLIDATE_INDEX:
        why = (
            f"{reds} critère(s) au rouge empêche(nt) de parler de partenariat solide"
            if exact >= SOLID_INDEX
            else "il est compris entre 0,50 et 0,75"
        )
        return Verdict(
            "partenariat_a_consolider",
            f"Indice {shown} : {why}. Les critères en ambre et au rouge sont le programme de "
            "la prochaine réunion des partenaires.",
            **base,
        )
    return Verdict(
        "partenariat_fragile",
        f"Indice {shown}, sous 0,50 : la plupart des critères sont au rouge. Sans changement, "
        "la relation glisse vers la subordination que décrit le guide.",
        **base,
    )


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


def reference_verdict(case: CaseStudy, content: Content) -> Verdict:
    """The verdict the rules give to the case's reference audit."""
    niveaux = {r.criterion: r.level for r in case.reference.criteria}
    signes = {s.id: s.quote for s in case.reference.warning_signs}
    return decide(niveaux, signes, {s.id: str(s.label) for s in content.warning_signs})


def audit_verdict(answer: Mapping[str, Any], content: Content) -> Verdict:
    labels = {s.id: str(s.label) for s in content.warning_signs}
    return decide(levels_of(answer), answer["signes_alerte"], labels)


def audit_frame(answer: Mapping[str, Any], criteria: Sequence[Criterion]) -> pd.DataFrame:
    """The audit as a table: one row per criterion (index ``id``), with its short name,
    level, traffic light and evidence."""
    rows = [
        {
            "id": c.id,
            "critere": str(c.short),
            "niveau": answer["criteres"][c.id]["niveau"],
            "feu": feu(answer["criteres"][c.id]["niveau"]),
            "preuve": answer["criteres"][c.id]["preuve"],
        }
        for c in criteria
    ]
    frame = pd.DataFrame(rows).set_index("id")
    frame["niveau"] = frame["niveau"].astype("Int64")
    return frame


# ---------------------------------------------------------------- comparison and feedback


@dataclass(frozen=True)
class RetourAudit:
    """One feedback message: ``statut`` is ``juste``, ``proche``, ``a_revoir`` or ``info``."""

    sujet: str
    statut: str
    message: str


_ICONS = {"juste": "✓", "proche": "◐", "a_revoir": "✗", "info": "ℹ"}
_STATUS_COLOURS = {
    "juste": "#009E73",
    "proche": "#E69F00",
    "a_revoir": "#D55E00",
    "info": "#999999",
}


@dataclass(frozen=True)
class Comparaison:
    """A learner's audit set against the reference audit of the case."""

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
            return "Aucun critère noté : rien à comparer pour l’instant."
        exact = round(self.accord_exact * self.nb_compares)
        adjacent = round(self.accord_adjacent * self.nb_compares)
        signs = (
            f"Signes d’alerte : {len(self.signes_trouves)} trouvé(s), "
            f"{len(self.signes_manques)} manqué(s), {len(self.signes_en_trop)} en plus."
            if self.reference_visible
            else "Signes d’alerte de la référence : visibles quand tous les critères sont notés."
        )
        return (
            f"Accord exact avec la référence : {exact} critère(s) sur {self.nb_compares} ; "
            f"accord adjacent (au plus un niveau d’écart) : {adjacent} sur {self.nb_compares}. "
            + signs
        )

    def __repr__(self) -> str:
        lines = [
            f"Votre verdict : {self.verdict.ligne()}",
            f"Verdict de la référence : {self.libelle_reference}",
            self.resume(),
            "",
        ]
        lines += [f"{_ICONS[r.statut]} {r.sujet} : {r.message}" for r in self.retours]
        return "\n".join(lines)

    def retours_html(self) -> str:
        return "".join(
            f"<div style='border-left:4px solid {_STATUS_COLOURS[r.statut]};"
            "padding:0.2em 0.7em;margin:0.3em 0'>"
            f"<strong>{_ICONS[r.statut]} {escape(r.sujet)}</strong> — {escape(r.message)}</div>"
            for r in self.retours
        )

    def tableau_html(self) -> str:
        head = "".join(
            f"<th style='text-align:left'>{h}</th>"
            for h in ("Critère", "Votre niveau", "Référence", "Écart", "Accord")
        )
        rows = []
        for row in self.tableau.itertuples():
            mine = "—" if pd.isna(row.votre_niveau) else str(row.votre_niveau)
            ref = "—" if pd.isna(row.niveau_reference) else str(row.niveau_reference)
            gap = "" if pd.isna(row.ecart) else f"{int(row.ecart):+d}".replace("+0", "0")
            cells = [
                escape(row.critere),
                _feu_cell(row.votre_feu, mine),
                _feu_cell(row.feu_reference, ref),
                gap,
                escape(row.accord),
            ]
            rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        return (
            f"<table class='tanmia-comparaison'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )

    def _repr_html_(self) -> str:
        return (
            "<div class='tanmia-comparaison'>"
            f"<p><strong>Votre verdict :</strong> {escape(self.verdict.ligne())}<br>"
            f"<strong>Verdict de la référence :</strong> "
            f"{escape(self.libelle_reference)}</p>"
            f"<p>{escape(self.resume())}</p>{self.tableau_html()}"
            f"<h4>Retours</h4>{self.retours_html()}</div>"
        )


def _feu_cell(light: str | None, text: str) -> str:
    if light is None or pd.isna(light):
        return escape(text)
    return (
        f"<span style='display:inline-block;min-width:1.2em;padding:0 0.4em;border-radius:3px;"
        f"background:{FEU_COLOURS[light]};color:#000'>{escape(text)}</span> "
        f"<small>{FEU_LABELS[light].lower()}</small>"
    )


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
    flat = " ".join(quote.split())
    if not (flat.startswith("«") and flat.endswith("»")):
        flat = f"« {flat} »"
    return f"{number} : {flat}"


def compare(answer: Mapping[str, Any], case: CaseStudy, content: Content) -> Comparaison:
    """Compare a learner's (normalised) answer with the case's reference audit.

    The reference shows itself only where the learner has committed: the level and
    rationale of a criterion once it is rated; the reference verdict, warning signs and good
    practices once every criterion with a reference level is rated (``reference_visible``).
    """
    criteria = content.criteria
    ref = case.reference
    sign_names = {s.id: str(s.label) for s in content.warning_signs}
    practice_names = {p.id: str(p.label) for p in content.practices}
    sign_explanations = {s.id: str(s.explanation) for s in content.warning_signs}

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
    missing = sum(answer["criteres"][c.id]["niveau"] is None for c in criteria if ref.rating(c.id))
    visible = missing == 0
    gaps = [row["ecart"] for row in rows if row["ecart"] is not None]
    n = len(gaps)
    exact = sum(g == 0 for g in gaps) / n if n else None
    adjacent = sum(abs(g) <= 1 for g in gaps) / n if n else None

    ticked = answer["signes_alerte"]
    confirmed = {s for s, e in ticked.items() if e.strip()}
    # Until the audit is complete, the reference's signs and practices stay hidden.
    ref_signs = {s.id: s for s in ref.warning_signs} if visible else {}
    order = [s.id for s in content.warning_signs]
    found = tuple(s for s in order if s in ref_signs and s in confirmed)
    unproven = tuple(s for s in order if s in ref_signs and s in ticked and s not in confirmed)
    missed = tuple(s for s in order if s in ref_signs and s not in ticked)
    extra = tuple(s for s in order if s in confirmed and s not in ref_signs) if visible else ()

    ref_practices = {p.id: p for p in ref.practices} if visible else {}
    mine_practices = set(answer["bonnes_pratiques"])
    porder = [p.id for p in content.practices]
    p_found = tuple(p for p in porder if p in ref_practices and p in mine_practices)
    p_missed = tuple(p for p in porder if p in ref_practices and p not in mine_practices)
    p_extra = (
        tuple(p for p in porder if p in mine_practices and p not in ref_practices)
        if visible
        else ()
    )

    mine_verdict = audit_verdict(answer, content)
    ref_verdict = reference_verdict(case, content)

    feedback: list[RetourAudit] = []
    if visible:
        feedback.append(_verdict_feedback(mine_verdict, ref_verdict, sign_names))
    else:
        feedback.append(
            RetourAudit(
                "Verdict",
                "info",
                f"Votre verdict : {mine_verdict.libelle} (provisoire). Le verdict de la "
                "référence, ses signes d’alerte et ses bonnes pratiques s’affichent quand tous "
                f"les critères sont notés (encore {missing}) ; d’ici là, seuls les critères "
                "que vous avez notés sont comparés.",
            )
        )
    for s in missed:
        feedback.append(
            RetourAudit(
                f"Signe d’alerte manqué : « {sign_names[s]} »",
                "a_revoir",
                f"Relisez le {_where(case, ref_signs[s].quote)}. "
                + (f"{ref_signs[s].comment} " if ref_signs[s].comment else "")
                + f"Ce signe se repère ainsi : {sign_explanations[s]}",
            )
        )
    for s in unproven:
        feedback.append(
            RetourAudit(
                f"Signe d’alerte coché sans preuve : « {sign_names[s]} »",
                "proche",
                "Vous l’avez vu, mais un signe ne compte qu’avec sa preuve. Le cas le montre "
                f"au {_where(case, ref_signs[s].quote)} : recopiez ce passage dans votre preuve.",
            )
        )
    for s in found:
        feedback.append(
            RetourAudit(
                f"Signe d’alerte repéré : « {sign_names[s]} »",
                "juste",
                f"Bien vu. Le passage de référence est au {_where(case, ref_signs[s].quote)}."
                + (f" {ref_signs[s].comment}" if ref_signs[s].comment else ""),
            )
        )
    for s in extra:
        feedback.append(
            RetourAudit(
                f"Signe d’alerte en plus : « {sign_names[s]} »",
                "info",
                "La référence ne retient pas ce signe. Votre preuve : « "
                f"{' '.join(ticked[s].split())} ». Ce passage montre-t-il vraiment ceci : "
                f"{sign_explanations[s]} Si oui, défendez-le dans la discussion : la "
                "référence est un point de départ, pas une vérité absolue.",
            )
        )

    for criterion, row in zip(criteria, rows, strict=True):
        gap = row["ecart"]
        if gap is None or gap == 0:
            continue
        rating = ref.rating(criterion.id)
        direction = "plus haut" if gap > 0 else "plus bas"
        passage = f" Relisez le {row['passage_reference']}." if row["passage_reference"] else ""
        message = (
            f"Vous avez mis {row['votre_niveau']}, la référence {row['niveau_reference']} "
            f"({abs(gap)} niveau(x) {direction}).{passage} Justification de la référence : "
            f"{rating.rationale}"
        )
        if abs(gap) >= 2:
            message += (
                f" Au niveau {rating.level}, on observe : « {criterion.levels[rating.level]} »"
            )
        feedback.append(
            RetourAudit(str(criterion.short), "proche" if abs(gap) == 1 else "a_revoir", message)
        )
    same = [row["critere"] for row in rows if row["accord"] == "exact"]
    if same:
        feedback.append(
            RetourAudit(
                "Même niveau que la référence",
                "juste",
                f"{len(same)} critère(s) : {', '.join(same)}.",
            )
        )
    unrated = [row["critere"] for row in rows if row["accord"] == "non noté"]
    if unrated:
        feedback.append(
            RetourAudit(
                "Critères non notés",
                "info",
                f"{', '.join(unrated)}. Notez-les pour que votre verdict ne soit plus provisoire.",
            )
        )
    no_evidence = [
        str(c.short)
        for c in criteria
        if answer["criteres"][c.id]["niveau"] is not None
        and not answer["criteres"][c.id]["preuve"].strip()
    ]
    if no_evidence:
        feedback.append(
            RetourAudit(
                "Niveaux sans preuve",
                "info",
                f"{', '.join(no_evidence)}. Chaque niveau doit s’appuyer sur un passage du cas "
                "(citez-le, avec son numéro de §) : c’est ce qui permet d’en discuter.",
            )
        )
    for p in p_missed:
        feedback.append(
            RetourAudit(
                f"Bonne pratique non relevée : « {practice_names[p]} »",
                "info",
                f"La référence la voit au {_where(case, ref_practices[p].quote)}."
                + (f" {ref_practices[p].comment}" if ref_practices[p].comment else ""),
            )
        )
    for p in p_extra:
        feedback.append(
            RetourAudit(
                f"Bonne pratique en plus : « {practice_names[p]} »",
                "info",
                "La référence ne la relève pas dans ce cas : quel passage la montre ? "
                "Gardez-la si vous pouvez la citer.",
            )
        )

    table = pd.DataFrame(rows).set_index("id")
    for column in ("votre_niveau", "niveau_reference", "ecart"):
        table[column] = table[column].astype("Int64")
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
        return RetourAudit(
            "Verdict",
            "info",
            "Votre audit est à compléter : notez les critères et cherchez les signes d’alerte, "
            "puis comparez de nouveau.",
        )
    if mine.id == ref.id:
        return RetourAudit(
            "Verdict",
            "juste",
            f"Même verdict que la référence : {ref.libelle}. {ref.explication}",
        )
    if ref.id == "pas_un_partenariat":
        names = ", ".join(f"« {sign_names.get(s, s)} »" for s in ref.signes)
        return RetourAudit(
            "Verdict",
            "a_revoir",
            f"Vous concluez « {mine.libelle} », la référence « {ref.libelle} » : elle confirme "
            f"{names}. Un signe d’alerte confirmé l’emporte sur toutes les notes, même bonnes.",
        )
    if mine.id == "pas_un_partenariat":
        return RetourAudit(
            "Verdict",
            "a_revoir",
            f"Vous concluez « {mine.libelle} » à cause d’un signe d’alerte que la référence ne "
            f"retient pas ; elle conclut « {ref.libelle} ». Revoyez votre preuve plus bas.",
        )
    return RetourAudit(
        "Verdict",
        "proche",
        f"Vous concluez « {mine.libelle} » (indice {_fr_number(mine.indice or 0)}), la "
        f"référence « {ref.libelle} » (indice {_fr_number(ref.indice or 0)}). L’écart vient "
        "des niveaux : voyez les critères ci-dessous.",
    )


# ---------------------------------------------------------------- rules as tables


def feux_table() -> pd.DataFrame:
    """The traffic-light bands, as shown in the lesson."""
    return pd.DataFrame(
        [
            {"feu": "vert", "niveaux": "3", "regle": "niveau ≥ 2,5", "sens": FEU_MEANINGS["vert"]},
            {
                "feu": "ambre",
                "niveaux": "2",
                "regle": "1,5 ≤ niveau < 2,5",
                "sens": FEU_MEANINGS["ambre"],
            },
            {
                "feu": "rouge",
                "niveaux": "0 ou 1",
                "regle": "niveau < 1,5",
                "sens": FEU_MEANINGS["rouge"],
            },
        ]
    ).set_index("feu")


def rules_table() -> pd.DataFrame:
    """The verdict rules in the order they are applied."""
    rows = [
        ("au moins un signe d’alerte confirmé (coché, avec sa preuve)", "pas_un_partenariat"),
        ("aucun critère noté", "a_completer"),
        ("indice ≥ 0,75 et aucun critère au rouge", "partenariat_solide"),
        ("indice ≥ 0,50", "partenariat_a_consolider"),
        ("sinon (indice < 0,50)", "partenariat_fragile"),
    ]
    frame = pd.DataFrame(
        [
            {"ordre": n, "condition": cond, "verdict": VERDICTS[vid]}
            for n, (cond, vid) in enumerate(rows, start=1)
        ]
    ).set_index("ordre")
    return frame
