"""The workshop's sign-in, on JupyterHub's Authenticator API: a name and a code, no accounts.

A participant types their name and the *workshop code* written on the board; the trainer
types their name and the *trainer code*, printed only on the trainer's screen, and becomes
the hub's admin. The hub user is the name's folder-safe form
(:func:`~tanmia_course.work.store.slug`, the one the course uses for hand-in files):
« Aïcha » signs in as ``aicha``, and « aicha » is then the same participant.

**A name already taken.** A name counts as taken while a server of that name is running or
starting: two people of the same name never type into one folder at the same time. Once that
server has stopped, the name and the workshop code are enough to get back in — no personal
password to forget. That is how a participant gets back after the hub restarts (it stops
every server), after logging out (the hub stops the server then: ``shutdown_on_logout``) or
after the idle servers are stopped. Closing the browser does not even ask for the form again:
the hub's sign-in cookie outlives the browser and, its secret kept in the workshop folder, the
hub's restart too. A personal password would protect nothing more: every participant's server
runs as the same system user (see :mod:`tanmia_course.workshop.spawner`), so it guards against
mistakes, not against a participant who means harm. A participant whose server still runs on
another browser asks the trainer to stop it from the hub's admin page.
"""

from __future__ import annotations

import hmac
import re
from typing import Any

from jupyterhub.auth import Authenticator
from tornado import web
from traitlets import Dict, Integer, Unicode, default

from ..display.text import french_spacing, plural
from ..work.store import UnreadableWork, check_name, slug

# What a participant's name may hold: letters and digits of any script, and the spaces,
# hyphens, apostrophes and dots of real names. Anything else (« / », « \ », « : », « * »…)
# is refused rather than silently changed, so that the name the trainer reads is the one typed.
_NAME = re.compile(r"^[\w][\w .'’-]*$")
MAX_WORKSHOP_NAME = 40  # a name on a phone's keyboard and in a class table


def _refuse(message: str) -> web.HTTPError:
    """The refusal shown on the hub's login page, in place of its English words."""
    error = web.HTTPError(403, "sign-in refused")
    error.jupyterhub_message = french_spacing(message)  # type: ignore[attr-defined]
    return error


def participant_user(name: Any) -> str:
    """The hub user name of a participant's name, or :class:`ValueError` with a French reason.

    >>> participant_user("  Aïcha   Benali ")
    'aicha_benali'
    >>> participant_user("../admin")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Le nom...../admin...ne peut pas servir de nom de dossier...
    """
    try:
        cleaned = check_name(name)
    except UnreadableWork:
        raise ValueError("Indiquez votre nom (par exemple votre prénom et une initiale).") from None
    if len(cleaned) > MAX_WORKSHOP_NAME:
        raise ValueError(
            f"Votre nom est trop long ({len(cleaned)} caractères) : "
            f"{MAX_WORKSHOP_NAME} au plus, par exemple votre prénom et une initiale."
        )
    if not _NAME.match(cleaned) or not any(c.isalnum() for c in cleaned):
        raise ValueError(
            f"Le nom « {cleaned} » ne peut pas servir de nom de dossier : n’utilisez que des "
            "lettres, des chiffres, des espaces, des traits d’union, des apostrophes et des points."
        )
    return slug(cleaned)


class WorkshopAuthenticator(Authenticator):
    """Sign in with a name and the workshop code; the trainer code makes an admin.

    The login form's two fields are JupyterHub's own (``username``, ``password``): the
    course's login page (``templates/login.html``) only names them in French.
    """

    code = Unicode(help="The workshop code, written on the board.").tag(config=True)
    trainer_code = Unicode(help="The trainer's code: whoever signs in with it is admin.").tag(
        config=True
    )
    places = Integer(
        0, help="How many participants may sign in (the trainer aside); 0: no limit."
    ).tag(config=True)

    shown_names = Dict(
        help="Each signed-in user's name as typed (« Aïcha B. » for aicha_b), for the spawner."
    )

    @default("allow_all")
    def _every_name_it_lets_in(self) -> bool:  # authenticate() is the only gate
        return True

    async def authenticate(self, handler: Any, data: dict[str, str]) -> dict[str, Any]:
        """The hub user for a name and a code, or a refusal (``HTTPError`` 403 with its
        French message, which JupyterHub shows on the login page)."""
        given = (data.get("password") or "").strip()
        trainer = bool(self.trainer_code) and hmac.compare_digest(
            given.encode(), self.trainer_code.encode()
        )
        if not trainer and not (
            self.code and hmac.compare_digest(given.encode(), self.code.encode())
        ):
            raise _refuse(
                "Ce code n’est pas celui de l’atelier : recopiez le code écrit au tableau."
                if given
                else "Indiquez le code de l’atelier, écrit au tableau."
            )
        try:
            user = participant_user(data.get("username", ""))
        except ValueError as exc:
            raise _refuse(str(exc)) from None
        shown = " ".join(str(data.get("username", "")).split())
        if handler is not None:
            known = handler.find_user(user)
            if known is not None and known.active:
                raise _refuse(
                    f"Le nom « {shown} » est déjà pris par un participant connecté. Ajoutez "
                    "l’initiale de votre nom de famille (« Fatima B. »). Si c’est vous, sur un "
                    "autre navigateur, demandez au formateur d’arrêter votre session."
                )
            if known is not None and bool(known.admin) != trainer:
                # The trainer's account never opens with the workshop code, nor a
                # participant's with the trainer's: each keeps their folder and their rights.
                raise _refuse(
                    f"Le nom « {shown} » est celui du formateur : choisissez un autre nom."
                    if known.admin
                    else f"Le nom « {shown} » est celui d’un participant : choisissez un "
                    "autre nom de formateur."
                )
            if not trainer and known is None and self.places:
                count = self._participant_count(handler)
                if count >= self.places:
                    raise _refuse(
                        f"L’atelier est complet ({plural(self.places, 'place', 'places')}) : "
                        "demandez au formateur."
                    )
        self.shown_names[user] = shown
        return {"name": user, "admin": trainer}

    @staticmethod
    def _participant_count(handler: Any) -> int:
        """How many participants (admins aside) have signed in to this workshop so far."""
        from jupyterhub import orm

        return handler.db.query(orm.User).filter(orm.User.admin.is_(False)).count()
