"""The partnership agreement as a document (exercise 04), and the blank templates of
lesson 04's tools: laid out once (:mod:`tanmia_course.display.document`), written to Word
or to a page to print.

The agreement keeps the draft's words: one numbered article per clause the learner filled,
in the content's order; the parties, their contributions and the steering committee come
from the draft's fields, then the article's own text.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...content.agreement import CONTRIBUTION_KINDS, DECISION_MODES, OWN_CASE, scenarios
from ...content.display import credit_line
from ...content.model import Content, Template
from ...display.document import (
    DOCX_MIME,
    Block,
    Bullets,
    Document,
    Heading,
    Lines,
    Paragraph,
    Signatory,
    Signatures,
    to_docx,
    to_html,
)
from ...display.html import download_link, escape
from ...errors import by_id, system_reason
from ...work import store
from .analysis import filled_clauses
from .answer import normalise_answer

DEFAULT_TITLE = "Convention de partenariat"
TRAINING_NOTE = (
    "Projet de convention rédigé pendant une formation : ce n’est pas un conseil juridique. "
    "Pour un engagement important, faites relire le texte avant de le signer."
)
TO_SPECIFY = "à préciser"


# ----------------------------------------------------------------------------- the agreement


def _party_line(party: dict[str, Any]) -> str:
    """« Association Tifawin, association déclarée ; signataire : sa présidente » (« représentée
    par » would agree with some names and not others)."""
    parts = [party["nom"]]
    if party["statut"].strip():
        parts.append(party["statut"].strip())
    line = ", ".join(parts)
    if party["signataire"].strip():
        line += f" ; signataire : {party['signataire'].strip()}"
    return line


def _contributions(parties: list[dict[str, Any]]) -> list[Block]:
    """For each party, a sub-heading, then what it brings by kind and what it gains."""
    blocks: list[Block] = []
    for party in parties:
        brought = [
            f"{label} : {party['apports'][key].strip()}"
            for key, (_, label) in CONTRIBUTION_KINDS.items()
            if party["apports"][key].strip()
        ]
        gains = party["gains"].strip() or TO_SPECIFY
        items = brought or [f"Apports : {TO_SPECIFY}"]
        blocks += [
            Heading(party["nom"], level=2),
            Bullets((*items, f"Ce que cette partie gagne : {gains}")),
        ]
    return blocks


def _governance(answer: dict[str, Any]) -> list[Block]:
    """The steering committee: its members, its rhythm, how it decides."""
    members = [p["nom"] for p in answer["parties"] if p["comite"]]
    governance = answer["gouvernance"]
    lines = [
        f"Membres du comité de pilotage : {', '.join(members) or TO_SPECIFY}.",
        f"Rythme des réunions : {governance['frequence'].strip().rstrip('.') or TO_SPECIFY}.",
        f"Le comité décide {DECISION_MODES[governance['decision']]}."
        if governance["decision"]
        else f"Mode de décision : {TO_SPECIFY}.",
    ]
    return [Paragraph("\n".join(lines))]


def agreement_document(answer: Any, content: Content) -> Document:
    """A draft (the exercise's answer) laid out as an agreement: its title, the scenario,
    a preamble, one numbered article per filled clause (« Article 1 — Les parties »…, the
    empty ones left out and the numbering continuous), the signature block, and a footer
    with the credits and the reminder that it is a training draft.

    Raises a French :class:`ValueError` if the draft is not valid, or has fewer than two
    parties (an agreement binds at least two).
    """
    draft = normalise_answer(answer, content)
    parties = draft["parties"]
    if len(parties) < 2:
        raise ValueError(
            "Ajoutez au moins deux parties avant d’exporter la convention : une convention "
            f"engage au moins deux structures (le projet en a {len(parties)})."
        )
    written = set(filled_clauses(draft, content))
    articles = [c for c in content.clauses if c.id in written]
    number = {c.id: n for n, c in enumerate(articles, start=1)}
    by_structure = {c.structure: c.id for c in articles if c.structure}

    title = draft["titre"].strip() or DEFAULT_TITLE
    scenario = scenarios(content)[draft["scenario"]]
    # the scenario is named as the exercise's, not as the agreement's own title
    subtitle = (
        "" if scenario.id == OWN_CASE else f"Exercice 04 du cours · scénario « {scenario.title} »"
    )
    if "parties" in by_structure:
        who = f"Les parties désignées à l’article {number[by_structure['parties']]}"
    else:
        who = ", ".join(p["nom"] for p in parties)
    blocks: list[Block] = [
        Paragraph(f"{who}, ci-après « les parties », conviennent de ce qui suit."),
    ]
    for clause in articles:
        blocks.append(Heading(f"Article {number[clause.id]} — {clause.label}"))
        if clause.structure == "parties":
            blocks.append(Bullets(tuple(_party_line(p) for p in parties)))
        elif clause.structure == "contributions":
            blocks += _contributions(parties)
        elif clause.structure == "governance":
            blocks += _governance(draft)
        text = draft["clauses"][clause.id]
        if text.strip():
            blocks.append(Paragraph(text.strip("\n")))
    blocks.append(Signatures(tuple(Signatory(p["nom"], p["signataire"]) for p in parties)))
    return Document(
        title,
        tuple(blocks),
        subtitle=subtitle,
        footer=f"{credit_line()} {TRAINING_NOTE}",
        keywords=(DEFAULT_TITLE, scenario.title),
    )


def agreement_docx(answer: Any, content: Content) -> bytes:
    """The draft as a Word file (see :func:`agreement_document`)."""
    return to_docx(agreement_document(answer, content))


def agreement_html(answer: Any, content: Content) -> str:
    """The draft as a standalone page to print (see :func:`agreement_document`)."""
    return to_html(agreement_document(answer, content))


def filename(answer: dict[str, Any]) -> str:
    """The Word file's name for a draft: ``convention_<scenario>.docx``, ASCII only.

    >>> filename({"scenario": "minibus_scolaire"}), filename({"scenario": "../x y"})
    ('convention_minibus_scolaire.docx', 'convention_x_y.docx')
    """
    scenario = str(answer.get("scenario") or OWN_CASE).lower()
    slug = re.sub(r"[^a-z0-9_]+", "_", scenario).strip("_") or OWN_CASE
    return f"convention_{slug}.docx"


# ----------------------------------------------------------------------------- blank templates


def template_document(template: Template) -> Document:
    """A blank template as a document: its purpose, then each section's heading, what to
    write under it, and the lines to write on."""
    blocks: list[Block] = [Paragraph(str(template.purpose), note=True)]
    for section in template.sections:
        blocks.append(Heading(str(section.heading)))
        if section.prompt is not None:
            blocks.append(Paragraph(str(section.prompt), note=True))
        if section.lines:
            blocks.append(Lines(section.lines))
    return Document(str(template.label), tuple(blocks), footer=credit_line())


@dataclass(frozen=True)
class ModeleVierge:
    """A blank template written as Word, as a notebook shows it: a link to download it and,
    when it was written to a folder, where."""

    modele: Template
    donnees: bytes
    chemin: Path | None = None

    @property
    def nom_fichier(self) -> str:
        return f"{self.modele.id}.docx"

    def _repr_html_(self) -> str:
        link = download_link(
            self.donnees, self.nom_fichier, f"Télécharger « {self.modele.label} » (Word)", DOCX_MIME
        )
        where = (
            f" Il est aussi écrit dans <code>{escape(str(self.chemin))}</code>."
            if self.chemin
            else ""
        )
        return f"<p>{link}{where}</p>"

    def __repr__(self) -> str:
        where = f" : {self.chemin}" if self.chemin else ""
        return f"Modèle vierge « {self.modele.label} » en Word ({self.nom_fichier}){where}"


def modele_vierge(
    identifiant: str,
    dossier: str | os.PathLike[str] | None = None,
    *,
    remplacer: bool = False,
) -> ModeleVierge:
    """Le modèle vierge ``identifiant`` (``fiche_partenaire``, ``note_cadrage``,
    ``protocole_accord``, ``plan_sortie``, ou un modèle du formateur) en Word : un lien pour le
    télécharger et, avec ``dossier``, le fichier ``<identifiant>.docx`` écrit dans ce dossier.

    Un fichier du même nom n’est jamais remplacé sans ``remplacer=True`` : il peut contenir ce
    que vous y avez déjà écrit.
    """
    from ...content.loader import load_content

    content = load_content()
    template = by_id(content.templates, identifiant, "Modèle")
    data = to_docx(template_document(template))
    if dossier is None:
        return ModeleVierge(template, data)
    folder = Path(dossier).expanduser()
    path = folder / f"{template.id}.docx"
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(
            f"« {folder} » est un fichier, pas un dossier : indiquez le dossier où écrire "
            "le modèle (il est créé s’il n’existe pas)."
        )
    try:
        if remplacer:
            store.atomic_write_bytes(path, data, private=False)
        else:
            store.write_new_file(path, data)
    except FileExistsError:
        raise FileExistsError(
            f"« {path.name} » existe déjà dans « {folder} » : il n’est pas remplacé, car il "
            "contient peut-être ce que vous y avez écrit. Renommez-le, choisissez un autre "
            "dossier, ou appelez modele_vierge(…, remplacer=True) pour le remplacer."
        ) from None
    except OSError as exc:
        raise OSError(
            f"« {path.name} » n’a pas pu être écrit dans « {folder} » ({system_reason(exc)})."
        ) from None
    return ModeleVierge(template, data, path)
