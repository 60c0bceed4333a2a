"""The trainer's class view in a notebook (or as a Voilà app): read the hand-ins, see the class."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any, ClassVar

import ipywidgets as widgets

from ..display.html import STYLESHEET, download_link, escape, paragraph, section
from ..display.widgets import button, upload_button
from ..work.store import folder_state
from .report import SECTIONS, class_report
from .result import DEMO_FOLDER, ROOM_FOLDER, Classe, class_title, read_class

# The tabs: the report's sections, with a shorter title for the benefits.
_TABS = {key: "Avantages" if key == "avantages" else title for key, (title, _) in SECTIONS.items()}


class VueDeClasse(widgets.VBox):
    """Read a folder of hand-ins (and files uploaded here), then show the class in tabs:
    participation, actor map, benefits, audits, agreements, files received; and offer the
    HTML report.

    A tab is drawn when it is first opened (its figure takes a moment on a small machine),
    then kept until the class is read again; the report draws the tabs not yet opened.

    *Following the room*: with « Suivre en direct » ticked (from the start for a workshop's
    class folder, :data:`~.result.ROOM_FOLDER`), the folder is looked at every
    :attr:`period` seconds while the kernel is idle, and read again when a file was saved,
    added or removed since; the open tab stays open.
    """

    period = 10.0  # seconds between two looks at the followed folder
    # The view following each folder: a cell run again makes a new view, which takes over
    # (the old one is unticked), so that a folder is never looked at by views nobody sees.
    _followers: ClassVar[dict[str, VueDeClasse]] = {}

    def __init__(
        self, dossier: str | os.PathLike[str] | None = DEMO_FOLDER, suivre: bool | None = None
    ) -> None:
        self.dossier = widgets.Text(
            value="" if dossier is None else str(dossier),
            description="Dossier :",
            placeholder="chemin du dossier où sont rangés les fichiers reçus",
            layout=widgets.Layout(width="60%"),
        )
        self.lire = button("Lire le dossier", icon="folder-open", button_style="primary")
        if suivre is None:
            suivre = dossier is not None and ROOM_FOLDER is not None and _same(dossier, ROOM_FOLDER)
        self.suivre = widgets.Checkbox(
            value=suivre,
            description=f"Suivre la salle en direct (relire le dossier toutes les "
            f"{self.period:.0f} s quand un travail y change)",
            indent=False,
            layout=widgets.Layout(width="auto"),
        )
        self._seen: frozenset[tuple[str, int, int]] | None = None  # the folder, as last read
        self._timer: asyncio.TimerHandle | None = None
        self.ajouter = upload_button("Ajouter des fichiers", multiple=True)
        self.bilan = widgets.HTML()
        self.sections = {key: widgets.HTML() for key in _TABS}
        self.onglets = widgets.Tab(children=list(self.sections.values()))
        self.onglets.titles = tuple(_TABS.values())
        self.bouton_rapport = button("Préparer le rapport HTML", icon="file-text")
        self.rapport = widgets.HTML()
        self.uploads: dict[str, bytes] = {}
        self.classe: Classe | None = None
        self._rendered: dict[str, tuple[str, str]] = {}  # key → (French title, HTML)
        self.lire.on_click(self._read)
        self.onglets.observe(self._show_tab, names="selected_index")
        self.ajouter.observe(self._add, names="value")
        self.bouton_rapport.on_click(self._report)
        self.suivre.observe(self._follow, names="value")
        super().__init__(
            [
                widgets.HTML(STYLESHEET),
                widgets.HBox([self.dossier, self.lire]),
                self.suivre,
                self.ajouter,
                self.bilan,
                self.onglets,
                widgets.HBox([self.bouton_rapport]),
                self.rapport,
            ]
        )
        self.add_class("tanmia-vue-classe")
        self.add_class("tanmia-rapport")  # the reports' stylesheet
        self._read()
        self._follow()

    def _folder(self) -> str:
        """The folder typed or pasted, without the spaces around it, nor the quotes that
        Windows' Explorer puts around a path it copies (« Copier en tant que chemin d’accès »)."""
        return self.dossier.value.strip().strip('"').strip()

    def _read(self, _button: Any = None) -> None:
        folder = self._folder()
        if folder:
            self._seen = folder_state(Path(folder).expanduser())
        sources: list[Any] = [Path(folder).expanduser()] if folder else []
        sources += [(f"chargé : {name}", data) for name, data in self.uploads.items()]
        try:
            classe = read_class(sources, titre=class_title(folder))
        except OSError as exc:
            self.bilan.value = section(
                "tanmia-alerte", escape(f"✗ {exc} La vue de classe n’a pas changé.")
            )
            return
        self.classe = classe
        self._rendered = {}
        self.rapport.value = ""
        self.bilan.value = f"<p><strong>{escape(classe.bilan())}</strong></p>"
        for html in self.sections.values():
            html.value = paragraph("Préparation de l’onglet…", italic=True)
        self._show_tab()

    def _follow(self, _change: Any = None) -> None:
        """Look at the folder again in :attr:`period` seconds, on the kernel's event loop
        (none outside a kernel: nothing to follow then)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        folder = self._folder()
        if not self.suivre.value or not folder:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        key = str(Path(folder).expanduser().resolve())
        before = self._followers.get(key)
        if before is not None and before is not self:
            before.suivre.value = False  # its observer cancels its look
        self._followers[key] = self
        self._timer = loop.call_later(self.period, self._look)

    def _look(self) -> None:
        self._timer = None
        if not self.suivre.value or self.comm is None:  # unticked, or the view closed
            return
        folder = self._folder()
        if folder and folder_state(Path(folder).expanduser()) != self._seen:
            self._read()
        self._follow()

    def _render(self, key: str) -> tuple[str, str]:
        """Draw one tab's section for the class read (once per reading)."""
        if key not in self._rendered and self.classe is not None:
            title, render = SECTIONS[key]
            self._rendered[key] = title, render(self.classe)
        return self._rendered[key]

    def _show_tab(self, _change: Any = None) -> None:
        index = self.onglets.selected_index
        if self.classe is None or index is None:
            return
        key = list(self.sections)[index]
        self.sections[key].value = self._render(key)[1]

    def _add(self, change: dict[str, Any]) -> None:
        if not (files := change["new"]):
            return
        for sent in files:
            self.uploads[str(sent.get("name") or "sans_nom")] = bytes(sent["content"])
        self.ajouter.value = ()
        self._read()

    def _report(self, _button: Any = None) -> None:
        if self.classe is None:
            return
        sections = [(key, *self._render(key)) for key in self.sections]
        data = class_report(self.classe, sections=sections).encode("utf-8", "replace")
        link = download_link(
            data, "rapport_classe.html", "Télécharger le rapport (HTML)", "text/html"
        )
        self.rapport.value = (
            f"<p>✓ {link} — un seul fichier, figures comprises : à projeter ou à envoyer par "
            "courriel.</p>"
        )


def vue_de_classe(
    dossier: str | os.PathLike[str] | None = DEMO_FOLDER, suivre: bool | None = None
) -> VueDeClasse:
    """La vue de classe du formateur : lire les fichiers de travaux rendus et voir la classe.

    ``dossier`` : le dossier où vous avez rangé les fichiers reçus ; par défaut, la classe de
    démonstration du cours. Des fichiers peuvent aussi être ajoutés avec le bouton
    « Ajouter des fichiers ». Pendant un atelier sur le réseau local, ``tc.CLASSE_ATELIER``
    est le dossier de la salle, suivi en direct.

    ``suivre`` : relire le dossier dès qu’un travail y change (par défaut : oui pour le
    dossier de la salle d’un atelier, non pour les autres).
    """
    return VueDeClasse(dossier, suivre)


def _same(one: str | os.PathLike[str], other: str | os.PathLike[str]) -> bool:
    return Path(one).expanduser().resolve() == Path(other).expanduser().resolve()
