"""« Mes travaux »: export the saved answers to one file to hand in, or resume from one."""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ..content.loader import load_content
from ..display.html import block, download_link, table
from ..display.palette import ERROR, GOOD, OK
from ..display.text import fr_datetime, plural
from ..display.widgets import TextStyle, button, html, shared, upload_button
from ..errors import system_reason
from ..exercises.base_widget import refresh_shown
from . import store
from .handins import read_handin
from .registry import exercise_title


def _said(done: bool, text: str) -> str:
    """What an export or a resumption did (``text``: HTML): « ✓ … » done, else « ✗ … »."""
    return block(f"✓ {text}" if done else f"✗ {text}", GOOD if done else ERROR)


class MesTravaux(widgets.VBox):
    """Export the learner's saved answers to a file, or resume them from one."""

    def __init__(self, dossier: str | Path | None = None) -> None:
        self.folder = Path(dossier).expanduser() if dossier is not None else None
        profile = store.read_profile(self.folder)
        merges = "".join(
            block(escape(m.message), ERROR if m.erreur else OK) for m in store.take_merges()
        )
        self.nom = widgets.Text(
            value=profile.get("nom", ""),
            description="Nom :",
            placeholder="Votre nom, ou celui de votre groupe",
            layout=shared(widgets.Layout, width="32em", max_width="100%"),
            style=shared(TextStyle),
        )
        self.exporter = button("Exporter mes travaux", icon="download", button_style="primary")
        # never squeezed by the name field on a narrow (projector) screen
        self.exporter.layout = shared(widgets.Layout, width="auto", flex="0 0 auto")
        self.lien = html()
        self.reprendre = upload_button("Reprendre mes travaux", multiple=False)
        self.message = html()
        self.sommaire = html()
        intro = html(
            "<h3>Mes travaux</h3>"
            "<p>Vos réponses aux exercices et aux quiz des leçons s’enregistrent toutes seules "
            f"dans le dossier <code>{escape(store.shown_path(self._folder()))}</code>. Pour les "
            "<strong>rendre</strong> à votre formatrice ou formateur, ou les <strong>reprendre"
            "</strong> sur un autre ordinateur (ou après la fin d’une session Binder), "
            f"exportez-les dans un seul fichier.</p>{merges}"
        )
        self.exporter.on_click(self._export)
        self.reprendre.observe(self._resume, names="value")
        super().__init__(
            [
                intro,
                self.sommaire,
                widgets.HBox(
                    [self.nom, self.exporter], layout=shared(widgets.Layout, flex_flow="row wrap")
                ),
                self.lien,
                html(
                    "<p>Vous avez un fichier <code>travaux_….json</code> exporté plus tôt ? "
                    "Chargez-le pour retrouver vos réponses :</p>"
                ),
                self.reprendre,
                self.message,
            ]
        )
        self._summarise()

    def _folder(self) -> Path:
        return self.folder or store.work_folder()

    def _summarise(self) -> dict[str, store.SavedAnswer]:
        """Show what is saved, and the files that cannot be read; returns what is saved."""
        saved, problems = store.saved_answers(self.folder)
        if not saved:
            text = "<p><em>Aucune réponse enregistrée pour l’instant dans ce dossier.</em></p>"
        else:
            content = load_content()
            rows = [
                [
                    f"{escape(exercise_title(eid, content))} <small>({escape(eid)})</small>",
                    fr_datetime(datetime.fromisoformat(s.modifie)),
                ]
                for eid, s in saved.items()
            ]
            text = table(["Exercice", "Dernier enregistrement"], rows, left=(0, 1))
        for problem in problems:
            text += block(f"⚠ {escape(str(problem))} (fichier ignoré)", ERROR)
        self.sommaire.value = text
        return saved

    def _export(self, _button: Any = None) -> None:
        saved = self._summarise()  # answers may have been saved since the widget was shown
        try:
            name = store.check_name(self.nom.value)
        except store.UnreadableWork as exc:
            self.lien.value = _said(False, f"{escape(exc.raison[0].upper() + exc.raison[1:])}.")
            return
        if not saved:
            self.lien.value = _said(
                False,
                "Rien à exporter : aucune réponse n’est enregistrée dans "
                f"<code>{escape(store.shown_path(self._folder()))}</code>. Faites d’abord les "
                "exercices ou les quiz des carnets du cours.",
            )
            return
        try:
            path, rendu, problems = store.export_handin(name, self.folder)
        except OSError as exc:
            self.lien.value = _said(False, f"Écriture impossible ({escape(system_reason(exc))}).")
            return
        link = download_link(path.read_bytes(), path.name, f"Télécharger {path.name}")
        text = (
            f"{plural(len(rendu.reponses), 'exercice', 'exercices')} de « {escape(rendu.nom)} » "
            f"{plural(len(rendu.reponses), 'exporté', 'exportés', False)} le "
            f"{fr_datetime(datetime.fromisoformat(rendu.modifie))}. {link}<br>"
            "Le fichier est aussi écrit dans "
            f"<code>{escape(store.shown_path(path))}</code>. Envoyez-le à votre formatrice ou "
            "formateur (messagerie, clé USB) ; gardez-en une copie."
        )
        if problems:
            unread = plural(
                len(problems), "sauvegarde illisible laissée", "sauvegardes illisibles laissées"
            )
            text += f"<br>⚠ {unread} de côté."
        self.lien.value = _said(True, text)

    def _resume(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        label = str(upload.get("name") or "fichier chargé")
        try:
            rendu = read_handin(bytes(upload["content"]), label, load_content())
            if rendu.refus:  # nothing is written unless every answer fits its exercise
                listed = " ; ".join(f"{eid} : {why}" for eid, why in sorted(rendu.refus.items()))
                raise store.UnreadableWork(
                    label,
                    f"{plural(len(rendu.refus), 'réponse', 'réponses', False)} "
                    f"que ce cours ne peut pas reprendre — {listed}",
                )
            said = store.resume(rendu, self.folder).message(*refresh_shown(rendu.reponses))
        except store.PartlyResumed as exc:
            refresh_shown({eid: rendu.reponses[eid] for eid in exc.done.ecrites})
            self.message.value = _said(False, escape(str(exc)))
            self._summarise()
        except (store.UnreadableWork, OSError) as exc:
            why = f"Écriture impossible ({system_reason(exc)})" if isinstance(exc, OSError) else exc
            self.message.value = _said(
                False, f"{escape(str(why).rstrip('.'))}. Vos travaux actuels n’ont pas changé."
            )
        else:
            self.nom.value = rendu.nom
            self.message.value = _said(True, escape(said))
            self._summarise()
        self.reprendre.value = ()


def mes_travaux(dossier: str | Path | None = None) -> MesTravaux:
    """Exporter ses travaux dans un fichier à rendre, ou les reprendre depuis un tel fichier.

    ``dossier`` : le dossier des travaux. Par défaut, le même pour tout le cours (leçons
    et exercices, quiz compris) : ``travaux/`` à la racine du dossier du cours (le premier
    dossier, en partant de celui du carnet et en remontant, qui contient ``notebooks/`` et
    ``exercises/``) ; pour les corrigés, ``solutions/travaux/`` ; hors d’un cours,
    ``travaux/`` à côté du carnet.
    La variable d’environnement ``TANMIA_TRAVAUX`` l’emporte sur tout cela.
    """
    return MesTravaux(dossier)
