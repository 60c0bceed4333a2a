"""The hub's pages in French (``tanmia_course/workshop/templates/``), as JupyterHub renders
them, without the hub: their French typography, and the pages a participant rarely meets
(a server stopping, a failed start, an error), the logout page, which the workshop's hub never
shows, and the trainer's pages left in English. test_pages.py meets the others for real."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("jupyterhub", reason="JupyterHub n’est pas installé : lancez « make hub »")

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from jupyterhub._data import DATA_FILES_PATH

from tanmia_course.display.text import french_spacing
from tanmia_course.workshop.hub import TEMPLATES

JUPYTERHUB_TEMPLATES = Path(DATA_FILES_PATH) / "templates"
# What JupyterHub writes on the pages the workshop puts in French (none of it may remain).
ENGLISH_NAV = (">Home<", ">Token<", ">Admin<", "Logout<", "Toggle dark mode")
MARKED_FRENCH = 'document.documentElement.lang = "fr"'


def environment() -> Environment:
    """The templates as the hub finds them: ``templates/…`` is JupyterHub's own, any other
    name the workshop's first, then JupyterHub's (its ``init_tornado_settings``)."""
    base = str(JUPYTERHUB_TEMPLATES)
    loader = ChoiceLoader(
        [
            PrefixLoader({"templates": FileSystemLoader([base])}, "/"),
            FileSystemLoader([str(TEMPLATES), base]),
        ]
    )
    return Environment(loader=loader, autoescape=True)


def render(name: str, **namespace) -> str:
    """A page rendered for the participant ``salma``, as the hub's handlers do."""
    user = SimpleNamespace(
        name="salma", json_escaped_name="salma", spawner=SimpleNamespace(options_form=None)
    )
    context = {
        "base_url": "/hub/",
        "prefix": "/",
        "user": user,
        "login_url": "/hub/login",
        "logout_url": "/hub/logout",
        "static_url": lambda path, **_: f"/hub/static/{path}",
        "services": [],
        "parsed_scopes": set(),
        "xsrf_token": "jeton",
        "xsrf": "jeton",
        "spawn_url": "/hub/spawn/salma",
        "progress_url": "/hub/api/users/salma/server/progress",
    }
    return environment().get_template(name).render(**{**context, **namespace})


class _ReadText(HTMLParser):
    """The texts of a page a person reads: its text and its labels (title, aria-label, alt,
    value, placeholder), scripts and styles left out."""

    LABELS = ("title", "aria-label", "alt", "value", "placeholder")

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipping += 1
        self.texts += [value for key, value in attrs if key in self.LABELS and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(data)


def read_texts(template: str) -> list[str]:
    """What a template shows, its Jinja code (statements, expressions, comments) left out."""
    parser = _ReadText()
    parser.feed(re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", "\n", template, flags=re.S))
    return parser.texts


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_the_pages_are_written_the_french_way(path):
    # `tanmia-course typographie` sweeps the course's Python, notebooks and docs, not these
    # pages: a no-break space before « : », a narrow one before « ; ? ! », inside « ».
    texts = read_texts(path.read_text(encoding="utf-8"))
    assert [t for t in texts if french_spacing(t) != t] == []


@pytest.mark.parametrize(
    ("name", "namespace", "french", "english"),
    [
        (
            "stop_pending.html",
            {},
            ["Votre serveur s’arrête.", ">Actualiser<", 'id="refresh"'],
            ["Your server is stopping", ">refresh<"],
        ),
        (
            "logout.html",
            {"user": None},
            ["Vous êtes déconnecté de l’atelier.", ">Se connecter<"],
            ["Successfully logged out", "Login<"],
        ),
        (
            "not_running.html",
            {"failed": True, "failed_message": "Timeout"},
            ["n’a pas pu démarrer", "Détail technique\xa0: Timeout", "Réessayer de démarrer"],
            ["Spawn failed", "Relaunch", "retry"],
        ),
        (
            "error.html",
            {"status_code": 403, "status_message": "Forbidden", "message": "Not allowed"},
            ["403\xa0: Accès refusé", "Cette page ne vous est pas ouverte"],
            ["Forbidden"],
        ),
        (
            "error.html",
            {
                "status_code": 500,
                "status_message": "Internal Server Error",
                "extra_error_html": "You can try restarting your server from the home page.",
            },
            ["500\xa0: Erreur de l’atelier", "relancez-le depuis l’accueil"],
            ["Internal Server Error", "You can try restarting"],
        ),
    ],
    ids=["stop_pending", "logout", "not_running-failed", "error-403", "error-500"],
)
def test_the_pages_a_participant_rarely_meets_are_in_french(name, namespace, french, english):
    page = render(name, **namespace)
    assert MARKED_FRENCH in page
    assert [text for text in french if text not in page] == []
    assert [text for text in (*english, *ENGLISH_NAV) if text in page] == []


def test_the_admin_pages_keep_their_english_but_not_their_nav_bar():
    # JupyterHub's admin and token pages are not translated: their nav bar is, the page is not
    # marked French.
    page = render("token.html", parsed_scopes={"admin-ui"}, api_tokens=[], oauth_clients=[])
    assert ">Administration<" in page and ">Accueil<" in page
    assert MARKED_FRENCH not in page
