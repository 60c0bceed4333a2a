"""Errors a trainer or learner reads: French messages that name what is wrong."""

from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from .i18n import N_

T = TypeVar("T")


@dataclass(frozen=True)
class Probleme:
    """One problem in a content file: where it is (file, item, field) and what is wrong."""

    fichier: str
    message: str
    element: str | None = None
    champ: str | None = None

    def __str__(self) -> str:
        where = [f"fichier « {self.fichier} »"]
        if self.element is not None:
            where.append(f"élément « {self.element} »")
        if self.champ:
            where.append(f"champ « {self.champ} »")
        text = f"{', '.join(where)} : {self.message}"
        return text[0].upper() + text[1:]


class ContenuInvalide(ValueError):
    """A content file (YAML) is malformed; nothing of the content was loaded."""

    def __init__(self, problemes: list[Probleme]) -> None:
        self.problemes = list(problemes)
        n = len(self.problemes)
        lines = "\n".join(f"  - {p}" for p in self.problemes)
        super().__init__(
            f"Contenu invalide, rien n’a été chargé. {self.problemes[0]}"
            if n == 1
            else f"Contenu invalide ({n} problèmes), rien n’a été chargé :\n{lines}"
        )


class IdentifiantInconnu(LookupError):
    """An id that the content does not have; the message lists the ids that exist."""

    def __init__(
        self, genre: str, identifiant: object, connus: list[str], feminin: bool = False
    ) -> None:
        self.identifiant = identifiant
        self.connus = connus
        inconnu = "inconnue" if feminin else "inconnu"
        super().__init__(
            f"{genre} {inconnu} : « {identifiant} ». Identifiants possibles : {', '.join(connus)}."
        )


def by_id(items: Iterable[T], identifiant: object, genre: str, feminin: bool = False) -> T:
    """The item of ``items`` (content items, each with an ``id``) whose id is ``identifiant``;
    else :class:`IdentifiantInconnu`, naming ``genre`` and the ids that exist."""
    found = {item.id: item for item in items}  # type: ignore[attr-defined]
    if identifiant not in found:
        raise IdentifiantInconnu(genre, identifiant, list(found), feminin)
    return found[identifiant]


_SYSTEM_FR = {
    errno.EACCES: N_("permission refusée"),
    errno.EPERM: N_("opération non permise"),
    errno.ENOSPC: N_("disque plein"),
    errno.EDQUOT: N_("quota du disque dépassé"),
    errno.EROFS: N_("support en lecture seule"),
    errno.ENOENT: N_("fichier ou dossier introuvable"),
    errno.EISDIR: N_("c’est un dossier"),
    errno.ENOTDIR: N_("un élément du chemin n’est pas un dossier"),
    errno.ELOOP: N_("lien symbolique"),
    errno.ENAMETOOLONG: N_("nom de fichier trop long"),
    errno.EIO: N_("erreur d’entrée-sortie du disque"),
    errno.EEXIST: N_("le fichier existe déjà"),
    errno.EBUSY: N_("fichier ou disque occupé"),
}


# What Windows says more precisely than its errno (``OSError.winerror``, Windows only): a
# file another program holds open, or a USB stick's write-protect switch, would otherwise
# read as « permission refusée ».
_IN_USE = N_(
    "fichier ouvert dans un autre programme (Word, un lecteur PDF…) : fermez-le, puis recommencez"
)
_WINDOWS_FR = {
    32: _IN_USE,  # ERROR_SHARING_VIOLATION
    33: _IN_USE,  # ERROR_LOCK_VIOLATION
    19: N_("support protégé en écriture"),  # ERROR_WRITE_PROTECT
}


def system_reason(exc: OSError) -> str:
    """What the system said of a file, in French (« disque plein », « permission refusée »…);
    the system's own words when the course has no French for them. A message in the
    course's language translates it with the catalogs: ``_(system_reason(exc))``.

    >>> system_reason(OSError(errno.ENOSPC, "No space left on device"))
    'disque plein'
    """
    said = _WINDOWS_FR.get(getattr(exc, "winerror", None) or 0) or _SYSTEM_FR.get(exc.errno or 0)
    return said or exc.strerror or str(exc)
