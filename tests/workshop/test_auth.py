"""The workshop's sign-in, called as JupyterHub calls it: ``authenticate(handler, data)``.

What needs the hub's own records (a name already in use, the places taken) is checked on a
real hub in test_hub.py.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("jupyterhub", reason="JupyterHub n’est pas installé : lancez « make hub »")

from tornado import web

from tanmia_course.workshop.auth import WorkshopAuthenticator, participant_user


def run(coroutine):
    """The coroutine run to its end on an event loop of its own thread: the browser tests'
    Playwright keeps a loop running in this one for the whole session."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def sign_in(username: str, password: str, **settings):
    auth = WorkshopAuthenticator(code="4821", trainer_code="73915046", **settings)
    return run(auth.authenticate(None, {"username": username, "password": password}))


def refusal(username: str, password: str) -> str:
    with pytest.raises(web.HTTPError) as caught:
        sign_in(username, password)
    assert caught.value.status_code == 403
    return caught.value.jupyterhub_message


def test_a_participant_signs_in_with_a_name_and_the_workshop_code():
    assert sign_in("  Aïcha   B. ", "4821") == {"name": "aicha_b", "admin": False}
    assert sign_in("فاطمة الزهراء", " 4821 ") == {"name": "فاطمة_الزهراء", "admin": False}


def test_the_trainer_code_makes_an_admin():
    assert sign_in("Karim", "73915046") == {"name": "karim", "admin": True}


def test_a_wrong_or_missing_code_is_refused_in_french():
    assert "n’est pas celui de l’atelier" in refusal("Aïcha", "4812")
    assert "Indiquez le code de l’atelier" in refusal("Aïcha", "")


def test_names_not_safe_as_folder_names_are_refused_in_french():
    assert "ne peut pas servir de nom de dossier" in refusal("../admin", "4821")
    assert "ne peut pas servir de nom de dossier" in refusal("Ali/Omar", "4821")
    assert "ne peut pas servir de nom de dossier" in refusal("???", "4821")
    assert "Indiquez votre nom" in refusal("   ", "4821")
    too_long = refusal("Fatima-Zahra " * 5, "4821")
    assert "trop long (64 caractères)" in too_long and "40 au plus" in too_long


def test_the_code_is_checked_before_the_name_says_anything():
    assert "n’est pas celui de l’atelier" in refusal("../admin", "0000")


def test_the_same_name_typed_differently_is_the_same_participant():
    assert participant_user("Aïcha B.") == participant_user("aicha  b.")


def test_without_a_workshop_code_nobody_gets_in_but_the_trainer():
    auth = WorkshopAuthenticator(trainer_code="73915046")
    with pytest.raises(web.HTTPError):
        run(auth.authenticate(None, {"username": "Aïcha", "password": ""}))
