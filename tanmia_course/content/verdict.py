"""The guide's rules for auditing a partnership: traffic lights, index, verdict.

The same for a learner's audit and for the reference audit of a case study. They live with
the content because a case file states its expected verdict, and loading it checks that
these rules give that verdict. The rules:

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
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from ..display import html
from ..display.palette import FEU_COLOURS
from ..display.text import fr_number, plural

LEVELS = (0, 1, 2, 3)
LEVEL_NAMES = ("absent", "à peine amorcé", "réalisé en partie", "pleinement réalisé")
"""What each level of a criterion means in a few words, whatever the criterion (each
criterion's own levels say what one observes at that level); the words of the traffic
lights' meanings and of the criteria's description."""
LEVEL_RANGE = f"de 0 ({LEVEL_NAMES[0]}) à 3 ({LEVEL_NAMES[-1]})"
"""The levels' scale in one phrase, for a title or a sentence."""
LEVEL_KEY = " · ".join(f"{n} : {name}" for n, name in zip(LEVELS, LEVEL_NAMES, strict=True))
"""Every level with its meaning, for a key beside a table or a picture."""
GREEN_FROM = 2.5
AMBER_FROM = 1.5
SOLID_INDEX = Fraction(3, 4)
CONSOLIDATE_INDEX = Fraction(1, 2)

# The lights' colours are the palette's (FEU_COLOURS); their name always goes with them.
FEU_MEANINGS = {
    "vert": "acquis : le critère est pleinement réalisé",
    "ambre": "à discuter : réalisé en partie",
    "rouge": "préoccupant : absent ou à peine amorcé",
}

# Each verdict's label and traffic light, in the order of the rules.
_VERDICTS = {
    "pas_un_partenariat": ("Pas un véritable partenariat", "rouge"),
    "a_completer": ("Audit à compléter", None),
    "partenariat_solide": ("Partenariat solide", "vert"),
    "partenariat_a_consolider": ("Partenariat à consolider", "ambre"),
    "partenariat_fragile": ("Partenariat fragile", "rouge"),
}
VERDICTS = {key: label for key, (label, _) in _VERDICTS.items()}


def verdict_rules() -> tuple[tuple[str, str], ...]:
    """The verdict's rules in the order they apply: (condition in French, verdict id).

    >>> verdict_rules()[2]
    ('indice ≥ 0,75 et aucun critère au rouge', 'partenariat_solide')
    """
    solid, middle = fr_number(float(SOLID_INDEX)), fr_number(float(CONSOLIDATE_INDEX))
    return (
        ("au moins un signe d’alerte confirmé (coché, avec sa preuve)", "pas_un_partenariat"),
        ("aucun critère noté", "a_completer"),
        (f"indice ≥ {solid} et aucun critère au rouge", "partenariat_solide"),
        (f"indice ≥ {middle}", "partenariat_a_consolider"),
        (f"sinon (indice < {middle})", "partenariat_fragile"),
    )


def verdict_rules_text() -> str:
    """The rules of the verdict and of the lights in one paragraph, for a page or a report."""
    rules = " ; ".join(
        f"{condition} : « {VERDICTS[verdict]} »"
        for condition, verdict in verdict_rules()
        if verdict != "a_completer"  # not a verdict one gives on paper
    )
    return (
        f"Indice = moyenne des niveaux notés ÷ 3. {rules[0].upper()}{rules[1:]}. "
        f"Feux : vert 3, ambre 2, rouge 0 ou 1."
    )


# ---------------------------------------------------------------- traffic lights


def feu(niveau: float | None) -> str | None:
    """The traffic light of a level (or of a mean of levels): ``"vert"``, ``"ambre"`` or
    ``"rouge"``; None when the criterion is not rated.

    >>> [feu(n) for n in (0, 1, 2, 3)]
    ['rouge', 'rouge', 'ambre', 'vert']
    >>> feu(2.5), feu(1.5), feu(None)
    ('vert', 'ambre', None)
    """
    if niveau is None or type(niveau).__name__ == "NAType":  # pandas.NA, pandas not imported
        return None
    is_number = isinstance(niveau, numbers.Real) and not isinstance(niveau, bool)
    if is_number and niveau != niveau:  # NaN: not rated
        return None
    if not is_number or not 0 <= niveau <= 3:
        raise ValueError(f"Un niveau va {LEVEL_RANGE} ; reçu : {niveau!r}.")
    if niveau >= GREEN_FROM:
        return "vert"
    if niveau >= AMBER_FROM:
        return "ambre"
    return "rouge"


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
        return _VERDICTS[self.id][0]

    @property
    def provisoire(self) -> bool:
        """True while some criteria are not rated (a confirmed sign is never provisional)."""
        return self.id != "pas_un_partenariat" and self.nb_notes < self.nb_criteres

    @property
    def feu(self) -> str | None:
        return _VERDICTS[self.id][1]

    def ligne(self) -> str:
        """One line for the live display: verdict, index, criteria rated."""
        parts = [self.libelle + (" (provisoire)" if self.provisoire else "")]
        if self.indice is not None:
            parts.append(f"indice {fr_number(self.indice)}")
        parts.append(
            f"{plural(self.nb_notes, 'critère noté', 'critères notés')} sur {self.nb_criteres}"
        )
        if self.signes_a_prouver:
            signs = plural(
                len(self.signes_a_prouver), "signe d’alerte coché", "signes d’alerte cochés"
            )
            parts.append(f"{signs} sans preuve")
        return " — ".join(parts)

    def __repr__(self) -> str:
        return f"{self.ligne()}\n{self.explication}"

    def _repr_html_(self, title: str = "") -> str:
        """The verdict's line in bold (after ``title``, if any), then its explanation."""
        return html.feedback(
            "",
            "info",
            title + self.ligne(),
            colour=FEU_COLOURS[self.feu],
            bar=6,
            detail=self.explication,
            alone=not title,
        )


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
    if sign_labels:  # the content's order, whatever the order of the answer (others last)
        signes = {s: signes[s] for s in sign_labels if s in signes} | signes
    confirmed = tuple(s for s, evidence in signes.items() if str(evidence).strip())
    unproven = tuple(s for s in signes if s not in confirmed)
    rated = [v for v in niveaux.values() if v is not None]
    exact = Fraction(sum(rated), 3 * len(rated)) if rated else None
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
        names = ", ".join(f"« {(sign_labels or {}).get(s, s)} »" for s in confirmed)
        kind = "pas_un_partenariat"
        why = (
            f"Signe d’alerte confirmé : {names}. Selon le guide, il n’y a alors pas de "
            "véritable relation de partenariat, quels que soient les niveaux des critères."
        )
    elif exact is None:
        kind = "a_completer"
        why = (
            f"Aucun critère n’est noté : donnez à chaque critère un niveau {LEVEL_RANGE}, "
            "avec sa preuve."
        )
    elif exact >= SOLID_INDEX and reds == 0:
        kind = "partenariat_solide"
        why = f"Indice {fr_number(float(exact))} (au moins 0,75) et aucun critère au rouge."
    elif exact >= CONSOLIDATE_INDEX:
        kind = "partenariat_a_consolider"
        reason = (
            f"{plural(reds, 'critère', 'critères')} au rouge "
            f"{plural(reds, 'empêche', 'empêchent', False)} de parler de partenariat solide"
            if exact >= SOLID_INDEX
            else "il est compris entre 0,50 et 0,75"
        )
        why = (
            f"Indice {fr_number(float(exact))} : {reason}. Les critères en ambre et au rouge sont "
            "le programme de la prochaine réunion des partenaires."
        )
    else:
        kind = "partenariat_fragile"
        why = (
            f"Indice {fr_number(float(exact))}, sous 0,50 : la plupart des critères sont au "
            "rouge. Sans changement, la relation glisse vers la subordination que décrit le "
            "guide."
        )
    return Verdict(kind, why, **base)
