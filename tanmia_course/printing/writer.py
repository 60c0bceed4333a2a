"""Writing the trainer's pack into a folder: HTML for every document, and PDF when Chromium
is there (``tc.imprimer`` and ``tanmia-course imprimer``)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.model import Content
from ..display import html
from ..display.document import to_docx
from ..errors import system_reason
from ..work.store import atomic_write_bytes
from . import pdf as pdf_printer
from .pack import Document, documents

if TYPE_CHECKING:
    from ..classroom.result import Classe

NO_CHROMIUM = (
    "Chromium est introuvable : seuls les fichiers HTML sont écrits. Ouvrez-les dans un "
    "navigateur et imprimez-les (Ctrl+P, marges « par défaut », sans en-têtes ni "
    "pieds de page du navigateur), ou installez Chromium (apt-get install chromium) pour "
    "obtenir les PDF."
)


class ImpressionImpossible(ValueError):
    """The pack cannot be written where asked; the message says why, in French."""


@dataclass(frozen=True)
class DossierFormateur:
    """The trainer's pack once written: its folder, its documents, the files written, and
    why there is no PDF, if there is none."""

    dossier: Path
    documents: tuple[Document, ...]
    fichiers: tuple[Path, ...]
    remarque: str = ""

    def _link(self, path: Path) -> str:
        try:
            href = os.path.relpath(path, Path.cwd())
        except ValueError:  # another drive (Windows)
            href = path.resolve().as_uri()
        href = Path(href).as_posix()
        shown = html.escape(path.name)
        return f"<a href='{html.escape(href, quote=True)}' target='_blank'>{shown}</a>"

    def _rows(self) -> list[tuple[Document, list[Path]]]:
        return [(d, [f for f in self.fichiers if f.stem == d.name]) for d in self.documents]

    def _repr_html_(self) -> str:
        items = "".join(
            f"<li><strong>{html.escape(d.title)}</strong> — {html.escape(d.purpose)}\u00a0: "
            + ", ".join(self._link(f) for f in files)
            + "</li>"
            for d, files in self._rows()
        )
        note = html.feedback(self.remarque, "warning") if self.remarque else ""
        return (
            f"<div class='tanmia-dossier'><p><strong>Dossier du formateur écrit dans "
            f"« {html.escape(str(self.dossier))} »</strong> "
            f"({len(self.fichiers)} fichiers)\u00a0:</p><ul>{items}</ul>{note}</div>"
        )

    def __repr__(self) -> str:
        lines = [f"Dossier du formateur écrit dans « {self.dossier} » :"]
        for d, files in self._rows():
            lines.append(f"  - {', '.join(f.name for f in files)}\u00a0: {d.purpose}")
        if self.remarque:
            lines.append(self.remarque)
        return "\n".join(lines)


def write_pack(
    folder: str | os.PathLike[str],
    content: Content,
    classe: Classe | None = None,
    pdf: bool = True,
) -> DossierFormateur:
    """Write every document of the pack into ``folder`` (created if needed), as HTML, and as
    PDF when ``pdf`` and Chromium is found; the blank templates also in Word (``.docx``)."""
    target = Path(folder).expanduser()
    if target.exists() and not target.is_dir():
        raise ImpressionImpossible(
            f"« {target} » est un fichier, pas un dossier : indiquez le dossier "
            "où écrire le dossier du formateur (il est créé s’il n’existe pas)."
        )
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImpressionImpossible(
            f"Impossible de créer le dossier « {target} » ({exc.strerror or exc})."
        ) from None
    docs = tuple(documents(content, classe))
    pages: list[Path] = []
    written: list[Path] = []
    for doc in docs:
        files = {".html": doc.page().encode("utf-8")}
        if doc.word is not None:  # also in Word, to fill in on a computer
            files[".docx"] = to_docx(doc.word)
        for suffix, data in files.items():
            path = target / f"{doc.name}{suffix}"
            try:
                atomic_write_bytes(path, data, private=False)
            except OSError as exc:
                raise ImpressionImpossible(
                    f"« {path.name} » n’a pas pu être écrit dans « {target} » "
                    f"({system_reason(exc)}) ; les documents déjà écrits restent en place."
                ) from None
            written.append(path)
        pages.append(target / f"{doc.name}.html")
    notes = []
    if classe is not None and not classe.participants:
        notes.append(
            "Aucun participant lu dans le dossier de la classe : pas d’attestation. Vérifiez "
            "que ce dossier contient les fichiers de travaux rendus (travaux_….json)."
        )
    if pdf:
        try:
            chromium = pdf_printer.find_chromium()
            if chromium is None:
                notes.append(NO_CHROMIUM)
            for page in pages if chromium else ():
                written.append(pdf_printer.print_to_pdf(chromium, page, page.with_suffix(".pdf")))
        except pdf_printer.PdfImpossible as exc:
            notes.append(
                f"{exc} Les fichiers HTML sont écrits ; imprimez-les depuis un navigateur."
            )
    order = {".html": 0, ".pdf": 1, ".docx": 2}
    written.sort(key=lambda p: (p.stem, order.get(p.suffix, 3)))
    return DossierFormateur(target, docs, tuple(written), " ".join(notes))


def imprimer(
    dossier: str | os.PathLike[str],
    contenu: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None,
    classe: str | os.PathLike[str] | None = None,
    *,
    pdf: bool = True,
) -> DossierFormateur:
    """Écrire le dossier du formateur dans ``dossier``\u00a0: cartes, grilles, récits des
    cas, grilles d’audit, quiz et corrigé, fiches d’évaluation et de présence, modèles
    vierges de la leçon 04 (aussi en Word), en HTML prêt à imprimer et en PDF si Chromium
    est installé.

    ``contenu``\u00a0: le ou les dossiers de contenu du formateur (par défaut, le contenu en
    vigueur, voir ``tc.utiliser_contenu``). ``classe``\u00a0: le dossier des travaux rendus, pour
    une attestation de participation par participant.
    """
    from ..content.loader import load_content

    if contenu is None:
        content = load_content()
    elif isinstance(contenu, str | os.PathLike):
        content = load_content([contenu])
    else:
        content = load_content(list(contenu))
    read = None
    if classe is not None:
        from ..classroom.result import read_class

        read = read_class(classe, content)
    return write_pack(dossier, content, read, pdf=pdf)
