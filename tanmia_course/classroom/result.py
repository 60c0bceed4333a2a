"""The trainer's class view: a folder of hand-in files → class tables, figures, HTML report.

::

    classe = tc.classe("rendus_atelier")   # every file read, accepted or refused with why
    classe.participation()                 # who handed in what
    classe.resume()                        # one line per exercise
    classe.carte_acteurs()                 # median position and spread of each actor
    classe.classement()                    # the benefits' consensus (Kendall's W…)
    classe.audit("minibus_des_collegiennes")   # learners × criteria against the reference
    classe.convention("minibus_des_collegiennes")  # the drafts: item by item, clause by clause
    classe.enregistrer_rapport("rapport.html") # one standalone HTML file, figures inside

Every file of the folder is accounted for: accepted, accepted in part (some exercise's
answer refused, with why), or refused with its reason in French (not JSON, another schema,
unknown format version, duplicate participant, over the size limit, unknown exercise,
actor, benefit or criterion…); the class view renders whatever is accepted. Nothing in a
file is ever executed (a JSON parser only), and every learner text is escaped before it
reaches HTML.

Each file goes through the one reader of hand-ins (:func:`~tanmia_course.work.handins.read_handin`:
JSON, envelope, then each exercise's answer type), and the class tables are built from the
normalised answers.
"""

from __future__ import annotations

import contextlib
import gc
import os
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from ..content.agreement import scenarios
from ..content.model import Content
from ..display.html import cell_text
from ..display.text import fr_datetime, fr_number, fr_percent, plural
from ..errors import IdentifiantInconnu, by_id
from ..work import handins, store
from ..work.registry import (
    ACTOR_MAP,
    AGREEMENT_PREFIX,
    AUDIT_PREFIX,
    KIND_ORDER,
    QUIZ_PREFIX,
    RANKING,
    known_exercises,
)
from .analysis import (
    PROBLEM_HEADINGS,
    AuditClasse,
    ConventionsClasse,
    _actor_table,
    _agreement_class,
    _audit_class,
    _positions,
)

DEMO_FOLDER = Path(__file__).parents[1] / "content" / "demo" / "classe"
# The workshop's class folder (see store.CLASS_ENV_VAR); None outside a workshop.
_room = os.environ.get(store.CLASS_ENV_VAR, "").strip()
ROOM_FOLDER = Path(_room) if _room else None
CHECK = "✓"
REFUSED = "✗"
ABSENT = "—"
STATUS = {"accepte": "accepté", "partiel": "accepté en partie", "refuse": "refusé"}


def _moment(stamp: str) -> datetime:
    moment = datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.astimezone()


def _name_key(name: str) -> str:
    """A learner's name as compared: the same letters however typed (composed accents or
    not, NFKC), invisible characters (a zero-width space…) left out, spaces and case aside."""
    visible = "".join(
        c for c in unicodedata.normalize("NFKC", name) if unicodedata.category(c) != "Cf"
    )
    return " ".join(visible.split()).casefold()


def class_title(folder: str | os.PathLike[str] | None) -> str:
    """The title of a class read from ``folder``: the folder's name, or the demo class's."""
    if not folder:
        return "fichiers chargés"
    path = Path(folder).expanduser()
    if path.resolve() == DEMO_FOLDER.resolve():
        return "classe de démonstration"
    return path.name or str(folder)


# ------------------------------------------------------------------------------ files


class Fichier(NamedTuple):
    """What became of one file: accepted, accepted in part, or refused — and why."""

    fichier: str
    participant: str | None
    statut: str  # "accepte", "partiel" or "refuse"
    raison: str = ""


Source = str | os.PathLike[str] | tuple[str, bytes]


def _sources(source: Source | Iterable[Source]) -> list[tuple[str, str | bytes]]:
    """(label, path or content) of every file: a folder's files, paths, or uploads."""
    if isinstance(source, str | os.PathLike):
        folder = Path(source).expanduser()
        if store.is_work_folder(folder) and not folder.is_symlink():  # one participant's
            return [(f"{folder.name}/", str(folder))]
        if folder.is_dir():
            return list(store.handin_files(folder, work_folders=True))
        if folder.is_file():
            return [(folder.name, str(folder))]
        raise FileNotFoundError(
            f"Dossier introuvable : « {folder} ». Indiquez le dossier où vous avez rangé les "
            "fichiers de travaux des participants."
        )
    if isinstance(source, tuple) and len(source) == 2 and isinstance(source[1], bytes):
        return [(str(source[0]), source[1])]
    return [pair for item in source for pair in _sources(item)]


# ------------------------------------------------------------------------------ class


@dataclass(frozen=True, eq=False)
class Classe:
    """A class's hand-ins, read and checked: who handed in what, and each exercise's rows.

    Build it with :func:`classe`. ``reponses[exercise id][participant index]`` is the
    answer, normalised by its exercise's answer type; ``refus`` the same for answers that
    were refused, with why.
    """

    titre: str
    participants: tuple[str, ...]
    fichiers_lus: tuple[Fichier, ...]
    reponses: dict[str, dict[int, Any]]
    refus: dict[str, dict[int, str]]
    content: Content = field(repr=False)

    # -- files and participation

    def fichiers(self) -> pd.DataFrame:
        """Every file read, and what became of it (statut, raison)."""
        frame = pd.DataFrame(list(self.fichiers_lus), columns=list(Fichier._fields))
        frame["participant"] = frame["participant"].fillna(ABSENT)
        frame["statut"] = frame["statut"].map(STATUS)
        return frame.set_index("fichier")

    def exercices(self) -> list[str]:
        """The exercises someone answered (or tried to), in the course's order."""
        known = known_exercises(self.content)
        order = {e: KIND_ORDER[known[e].kind] for e in known}
        return sorted({*self.reponses, *self.refus}, key=lambda e: (order.get(e, 9), e))

    def participation(self) -> pd.DataFrame:
        """Who handed in what: ✓ answer accepted, ✗ answer refused, — nothing handed in."""
        frame = pd.DataFrame(ABSENT, index=range(len(self.participants)), columns=self.exercices())
        for marks, mark in ((self.refus, REFUSED), (self.reponses, CHECK)):  # ✓ wins
            for eid, rows in marks.items():
                frame.loc[list(rows), eid] = mark
        frame.index = pd.Index(self.participants, name="participant")
        frame["nb_exercices"] = (frame == CHECK).sum(axis=1).astype("int64")
        return frame

    # -- exercises

    def _once(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()``, kept: the views and the report read each table several times."""
        cache = self.__dict__.setdefault("_cache", {})
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    def carte_acteurs(self) -> pd.DataFrame:
        """Each actor of the class's maps: name, category, how many maps place it, median
        influence and interest (0–5), their spread (interquartile range: the middle half
        of the class), median stance (−2 opposed … +2 driving force), the share of maps
        that put it in the quadrant of its median point, and that quadrant's strategy.

        Actors left at influence 0 and interest 0 count as not placed.
        """
        return self._once(
            "actor_table",
            lambda: _actor_table(self._positions(), self.reponses.get(ACTOR_MAP, {}), self.content),
        )

    def positions_acteurs(self) -> pd.DataFrame:
        """Every placed actor of every map, one row each (participant, actor, influence,
        interest, stance)."""
        placed = self._positions()
        names = placed["owner"].map(dict(enumerate(self.participants)))
        return placed.drop(columns="owner").assign(participant=names)[
            ["participant", "id", "influence", "interet", "position"]
        ]

    def _positions(self) -> pd.DataFrame:
        return self._once("placed", lambda: _positions(self.reponses.get(ACTOR_MAP, {})))

    def classement(self) -> Any:
        """The benefits' ranking of the class: consensus, Kendall's W, who agrees (a
        :class:`~tanmia_course.exercises.ranking.analysis.ResultatGroupe`); None with fewer
        than two non-empty rankings."""
        return self._once("ranking", self._ranking)

    def _ranking(self) -> Any:
        from ..exercises.ranking.analysis import aggregate

        rows = {i: r for i, r in self.reponses.get(RANKING, {}).items() if r["ordre"]}
        if len(rows) < 2:
            return None
        themes = {t.id: str(t.label) for t in self.content.themes}
        table = pd.DataFrame(
            [(b.id, str(b.label), themes.get(b.theme, b.theme)) for b in self.content.benefits],
            columns=["id", "nom", "theme_nom"],
        ).set_index("id")
        return aggregate(
            [r["ordre"] for r in rows.values()],
            [r["mode"] for r in rows.values()],
            table,
            participants=[self.participants[i] for i in rows],
            noms=[self.participants[i] for i in rows],
            niveaux=self.content.agreement_levels,
            titre=self.titre[:1].upper() + self.titre[1:],
        )

    def justifications(self, nombre: int = 3) -> pd.DataFrame:
        """What learners wrote about the class's first ``nombre`` benefits."""
        result = self.classement()
        top = [] if result is None else list(result.consensus.index[:nombre])
        rows = [
            (result.consensus.at[benefit, "nom"], self.participants[i], text)
            for i, answer in self.reponses.get(RANKING, {}).items()
            for benefit in top
            if (text := answer["justifications"].get(benefit, "").strip())
        ]
        return pd.DataFrame(rows, columns=["avantage", "participant", "justification"])

    def audit(self, cas: str) -> AuditClasse:
        """The class's audits of the case ``cas`` against its reference audit."""
        case = by_id(self.content.case_studies, cas, "Étude de cas", feminin=True)
        rows = self.reponses.get(f"{AUDIT_PREFIX}{cas}", {})
        return self._once(
            f"audit_{cas}", lambda: _audit_class(case, self.participants, rows, self.content)
        )

    def audits(self) -> dict[str, AuditClasse]:
        """The class's audits, for every case someone audited."""
        return {
            eid[len(AUDIT_PREFIX) :]: self.audit(eid[len(AUDIT_PREFIX) :])
            for eid in self.exercices()
            if eid.startswith(AUDIT_PREFIX) and self.reponses.get(eid)
        }

    def convention(self, scenario: str) -> ConventionsClasse:
        """The class's drafts of the agreement of ``scenario`` (exercise 04): what each
        draft secures, item by item of the guide and clause by clause."""
        found = scenarios(self.content)
        if scenario not in found:
            raise IdentifiantInconnu("Scénario", scenario, list(found))
        eid = f"{AGREEMENT_PREFIX}{scenario}"
        return self._once(
            eid,
            lambda: _agreement_class(
                found[scenario],
                self.participants,
                self.reponses.get(eid, {}),
                self.refus.get(eid, {}),
                self.content,
            ),
        )

    def conventions(self) -> dict[str, ConventionsClasse]:
        """The class's drafts, for every scenario someone drafted (or tried to)."""
        return {
            eid[len(AGREEMENT_PREFIX) :]: self.convention(eid[len(AGREEMENT_PREFIX) :])
            for eid in self.exercices()
            if eid.startswith(AGREEMENT_PREFIX) and eid in known_exercises(self.content)
        }

    def quiz(self, identifiant: str) -> pd.Series:
        """Each learner's score (questions right) on a lesson's quiz."""
        from ..exercises.quiz.analysis import score

        quiz = by_id(self.content.quizzes, identifiant, "Quiz")
        rows = self.reponses.get(f"{QUIZ_PREFIX}{identifiant}", {})
        return self._once(
            f"quiz_{identifiant}",
            lambda: pd.Series(
                [score(quiz, answer)[0] for answer in rows.values()],
                index=pd.Index([self.participants[i] for i in rows], name="participant"),
                name=f"score sur {len(quiz.questions)}",
                dtype="int64",
            ),
        )

    # -- summary

    def resume(self) -> pd.DataFrame:
        """One line per exercise: answers accepted and refused, and the figure to discuss."""
        known = known_exercises(self.content)
        rows = []
        for eid in self.exercices():
            n = len(self.reponses.get(eid, {}))
            indicator, value = "", ABSENT
            if eid == ACTOR_MAP and n:
                per_map = self._positions()["owner"].value_counts()
                per_map = per_map.reindex(list(self.reponses[ACTOR_MAP]), fill_value=0)
                indicator = "acteurs placés par carte (médiane)"
                value = fr_number(per_map.median(), 0, ABSENT)
            elif eid == RANKING:
                indicator = "accord de la classe (W de Kendall)"
                value = fr_number(getattr(self.classement(), "w", None), 2, ABSENT)
            elif eid.startswith(AUDIT_PREFIX) and n:
                indicator = "accord exact avec la référence (moyenne)"
                value = fr_percent(self.audit(eid[len(AUDIT_PREFIX) :]).accord_moyen())
            elif eid.startswith(AGREEMENT_PREFIX) and eid in known and n:
                median, total = self.convention(eid[len(AGREEMENT_PREFIX) :]).medianes()["criteres"]
                indicator = "critères protégés par projet (médiane)"
                value = f"{cell_text(median)} / {total}"
            elif eid.startswith(QUIZ_PREFIX) and eid in known and n:
                scores = self.quiz(eid[len(QUIZ_PREFIX) :])
                total = scores.name.rsplit(" ", 1)[-1]
                indicator = "score moyen"
                value = f"{fr_number(scores.mean(), 1, ABSENT)} / {total}"
            title = known[eid].titre if eid in known else eid
            rows.append((eid, title, n, len(self.refus.get(eid, {})), indicator, value))
        return pd.DataFrame(
            rows, columns=["exercice", "titre", "rendus", "refuses", "indicateur", "valeur"]
        ).set_index("exercice")

    def bilan(self) -> str:
        """One French sentence: files read, accepted, refused; participants."""
        counts = Counter(f.statut for f in self.fichiers_lus)
        folders = sum(f.fichier.endswith("/") for f in self.fichiers_lus)
        files = len(self.fichiers_lus) - folders
        read = [plural(files, "fichier lu", "fichiers lus")] if files or not folders else []
        if folders:  # a workshop's room: each participant's work folder
            shown = plural(folders, "dossier de participant lu", "dossiers de participants lus")
            read.insert(0, shown)
        return (
            f"{' et '.join(read)} : "
            f"{plural(counts['accepte'], 'accepté', 'acceptés')}, "
            f"{plural(counts['partiel'], 'accepté', 'acceptés')} en partie, "
            f"{plural(counts['refuse'], 'refusé', 'refusés')} ; "
            f"{plural(len(self.participants), 'participant ou groupe', 'participants ou groupes')}."
        )

    def problemes(self) -> dict[str, list[Fichier]]:
        """The files not accepted whole, by status (refused, then accepted in part), each
        once, in the order they were read: as many under each status as :meth:`bilan`
        counts, each with its reason."""
        return {
            status: [f for f in self.fichiers_lus if f.statut == status]
            for status in PROBLEM_HEADINGS
            if any(f.statut == status for f in self.fichiers_lus)
        }

    def compte_rendu(self) -> str:
        """The :meth:`bilan`, then each file refused or accepted in part under its status,
        with why (what ``tanmia-course classe`` prints)."""
        lines = [self.bilan()]
        for status, files in self.problemes().items():
            lines.append(f"{PROBLEM_HEADINGS[status]} ({len(files)}) :")
            lines += [f"  - {f.fichier} : {f.raison}" for f in files]
        return "\n".join(lines)

    # -- display

    def rapport_html(self, figures: bool = True) -> str:
        """The whole class view as one standalone HTML page (figures embedded as SVG)."""
        from .report import class_report

        return class_report(self, figures=figures)

    def enregistrer_rapport(self, chemin: str | os.PathLike[str]) -> Path:
        """Write the HTML report to ``chemin`` (atomically); returns the path."""
        path = Path(chemin)
        store.atomic_write_bytes(
            path, self.rapport_html().encode("utf-8", "replace"), private=False
        )
        return path

    def __repr__(self) -> str:
        return f"Classe « {self.titre} » — {self.compte_rendu()}"

    def _repr_html_(self) -> str:
        from .report import class_summary_html

        return class_summary_html(self)


# ----------------------------------------------------------------------------- reading


def read_class(
    sources: Source | Iterable[Source], content: Content | None = None, titre: str | None = None
) -> Classe:
    """Read hand-in files (a folder, paths, or uploaded (name, bytes) pairs) into a class."""
    if content is None:
        from ..content.loader import load_content

        content = load_content()
    if titre is None:
        titre = class_title(sources if isinstance(sources, str | os.PathLike) else None)
    # Reading builds many small containers and no reference cycle; Python's cycle collector
    # would walk them all again each time the class grows by a quarter (a third of the time
    # of 10,000 hand-ins), so it waits until the class is read.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _read(_sources(sources), content, titre)
    finally:
        if paused:
            gc.enable()


class _Entry(NamedTuple):
    """A readable hand-in, and where it came from."""

    slot: int
    source: str | bytes
    rendu: store.Handin


def _read(items: list[tuple[str, str | bytes]], content: Content, titre: str) -> Classe:
    outcomes: list[Fichier | None] = [None] * len(items)
    entries: list[_Entry] = []
    for slot, (label, source) in enumerate(items):
        try:
            if isinstance(source, str) and label.endswith("/"):  # a participant's work folder
                rendu = handins.read_work_folder(Path(source), label, content)
            else:
                rendu = handins.read_handin(_bytes(source, label), label, content)
        except store.UnreadableWork as exc:
            outcomes[slot] = Fichier(label, None, "refuse", exc.raison)
            continue
        except Exception as exc:  # whatever one odd file holds, it never stops the class
            why = f"fichier illisible (erreur inattendue : {type(exc).__name__})"
            outcomes[slot] = Fichier(label, None, "refuse", why)
            continue
        entries.append(_Entry(slot, source, rendu))
    kept = _most_recent(entries, outcomes)
    answers: dict[str, dict[int, Any]] = {}
    refused: dict[str, dict[int, str]] = {}
    for who, (slot, _, rendu) in enumerate(kept):
        for eid, row in rendu.reponses.items():
            answers.setdefault(eid, {})[who] = row
        for eid, why in rendu.refus.items():
            refused.setdefault(eid, {})[who] = why
        outcomes[slot] = _outcome(rendu)
    return Classe(
        titre=titre,
        participants=tuple(e.rendu.nom for e in kept),
        fichiers_lus=tuple(outcomes),  # type: ignore[arg-type]  # every slot is filled
        reponses=answers,
        refus=refused,
        content=content,
    )


def _outcome(rendu: store.Handin) -> Fichier:
    """What became of a readable hand-in: accepted; accepted in part when some answers are
    refused and others accepted; refused when every answer it holds is refused. The reason
    names each refused answer once, with why."""
    if not rendu.refus:
        return Fichier(rendu.fichier, rendu.nom, "accepte", rendu.note)
    # each reason is a clause here: its own final full stop would stand before « ; »
    reasons = " ; ".join(
        f"{eid} : {why.removesuffix('.')}" for eid, why in sorted(rendu.refus.items())
    )
    if rendu.note:
        reasons = f"{reasons} ; {rendu.note}"
    if rendu.reponses:
        return Fichier(rendu.fichier, rendu.nom, "partiel", reasons)
    return Fichier(rendu.fichier, rendu.nom, "refuse", f"aucune réponse acceptée — {reasons}")


def _most_recent(entries: list[_Entry], outcomes: list[Fichier | None]) -> list[_Entry]:
    """One hand-in per participant (names compared by :func:`_name_key`), the most recent,
    sorted by name; the others are refused in ``outcomes`` with why."""
    keys = [_name_key(entry.rendu.nom) for entry in entries]  # once each: NFKC is not free
    best: dict[str, _Entry] = {}
    for key, entry in zip(keys, entries, strict=True):
        if key not in best or _moment(entry.rendu.modifie) > _moment(best[key].rendu.modifie):
            best[key] = entry
    for key, entry in zip(keys, entries, strict=True):
        kept = best[key]
        if kept is not entry:
            why = _why_not(entry, kept)
            outcomes[entry.slot] = Fichier(entry.rendu.fichier, entry.rendu.nom, "refuse", why)
    return [best[key] for key in sorted(best, key=lambda k: (k, best[k].rendu.nom))]


def _why_not(entry: _Entry, kept: _Entry) -> str:
    """Why a participant's other hand-in does not count."""
    with contextlib.suppress(store.UnreadableWork):  # a file changed since: not a copy
        folders = entry.rendu.fichier.endswith("/") or kept.rendu.fichier.endswith("/")
        if not folders and _bytes(entry.source, "") == _bytes(kept.source, ""):
            return f"copie identique de « {kept.rendu.fichier} »"
    return (
        f"doublon : « {entry.rendu.nom} » a aussi rendu « {kept.rendu.fichier} », plus récent "
        f"(modifié le {fr_datetime(_moment(kept.rendu.modifie))}) ; "
        "seul le plus récent compte"
    )


def _bytes(source: str | bytes, label: str) -> bytes:
    return source if isinstance(source, bytes) else handins.read_bytes(source, label)


def classe(
    dossier: str | os.PathLike[str] | Iterable[Source] | None = DEMO_FOLDER,
) -> Classe:
    """La classe : les fichiers de travaux rendus par les participants, lus et vérifiés.

    ``dossier`` : le dossier où vous avez rangé les fichiers reçus (par messagerie, clé
    USB…), ou une liste de fichiers. Sans argument : la classe de démonstration du cours.
    Pendant un atelier sur le réseau local (``tanmia-course atelier``), ``tc.CLASSE_ATELIER``
    est le dossier de la salle : le travail de chaque participant, tel qu’il l’enregistre.
    """
    if dossier is None:
        raise ValueError(
            "Aucun dossier de classe : tc.CLASSE_ATELIER n’est défini que sur le hub d’un "
            "atelier (tanmia-course atelier), pour le formateur connecté avec son code de "
            "formateur. Ailleurs, indiquez le dossier des fichiers reçus."
        )
    return read_class(dossier)
