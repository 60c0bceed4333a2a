"""A newcomer's first minutes: ``make lab``, exactly as the README says, then the course.

JupyterLab is started by the README's command (``make lab``, see the ``jupyterlab`` fixture),
and the page is opened at the address it prints. From there, as a newcomer would: the file
browser shows the whole course, every link of the welcome notebook opens its notebook, the
menus and the dialogs speak French, and no pop-up asks about Jupyter's news.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest

from .harness import WELCOME, new_watched_page

pytestmark = pytest.mark.browser

_CURRENT_PATH = """() => {
  const panel = window.jupyterapp?.shell.currentWidget;
  return panel && panel.context ? panel.context.path : null;
}"""

_OPENED = """(path) => {
  const panel = window.jupyterapp?.shell.currentWidget;
  return !!panel && !!panel.context && panel.context.path === path &&
         panel.context.isReady && panel.content.widgets && panel.content.widgets.length > 0;
}"""

_CLOSE_CURRENT = """async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (panel.sessionContext) await panel.sessionContext.shutdown();
  panel.dispose();
}"""

# Words of JupyterLab's English interface that French never uses: one of them in a menu means
# a label left untranslated. (Words the two languages share, such as « Code », « Mode »,
# « Console » or « Variables », are not listed.)
ENGLISH = frozenset(
    """the and with from new open save close shut restart interrupt undo redo cut copy paste
    delete select clear show hide run kernel view edit file help settings tabs cell cells below
    above selected outputs output recent print reload rename download trust language advanced
    about reference keyboard shortcuts sidebar find replace merge split move numbers wrap
    collapse expand render activate previous next enter exit full screen all lost will would
    you like notified official news""".split()  # noqa: SIM905
)


def english_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in ENGLISH}


@pytest.fixture(scope="module")
def newcomer(browser, jupyterlab, course_copy):
    """A page opened at the address ``make lab`` prints, as a newcomer copies it."""
    context, page, journal = new_watched_page(browser)
    page.journal = journal
    try:
        page.goto(jupyterlab.opened, wait_until="domcontentloaded")
        page.wait_for_function(_OPENED, arg=WELCOME, timeout=120_000)
        yield page
    finally:
        page.evaluate(
            """async () => {
              for (const s of [...window.jupyterapp.serviceManager.sessions.running()]) {
                await window.jupyterapp.serviceManager.sessions.shutdown(s.id);
              }
            }"""
        )
        context.close()


def test_make_lab_opens_the_welcome_notebook_and_serves_the_whole_course(newcomer):
    page = newcomer
    assert page.evaluate(_CURRENT_PATH) == WELCOME
    # The file browser shows the welcome notebook's folder; its first crumb is the course.
    page.locator(".jp-FileBrowser .jp-BreadCrumbs-home").click()
    listing = page.locator(".jp-FileBrowser .jp-DirListing-content")
    listing.get_by_text("exercises", exact=True).wait_for(timeout=30_000)
    shown = set(listing.locator(".jp-DirListing-itemName").all_inner_texts())
    assert {"notebooks", "exercises", "solutions"} <= shown, (
        f"le navigateur de fichiers ne montre pas tout le cours : {sorted(shown)}"
    )


def linked_notebook(href: str) -> str | None:
    """The notebook a link of a rendered notebook opens, as a path in the course, or None.

    JupyterLab resolves a relative link against the notebook's folder into the server's file
    address (``http://…/files/exercises/01_x.ipynb?_xsrf=…``); a link out of the course
    (``../`` above the root) resolves to nothing JupyterLab can open.
    """
    path = unquote(urlsplit(href).path)
    if not path.endswith(".ipynb"):
        return None
    return path.split("/files/", 1)[1] if "/files/" in path else path


def test_every_link_of_the_welcome_notebook_opens_its_notebook(newcomer):
    page = newcomer
    welcome = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedMarkdown")
    anchors = welcome.locator("a[href*='.ipynb']")
    anchors.first.wait_for(timeout=30_000)
    hrefs = anchors.evaluate_all("as => as.map(a => a.getAttribute('href'))")
    targets = [linked_notebook(h) for h in hrefs]
    assert len(targets) >= 8 and None not in targets, f"liens vers les carnets : {hrefs}"
    failed = []
    for index, target in enumerate(targets):
        link = anchors.nth(index)
        link.scroll_into_view_if_needed()
        link.click()
        try:
            page.wait_for_function(_OPENED, arg=target, timeout=60_000)
        except Exception:
            errors = page.locator(".jp-Dialog").all_inner_texts()
            failed.append(
                f"{target} : {errors[0][:200] if errors else page.evaluate(_CURRENT_PATH)}"
            )
            page.keyboard.press("Escape")
            continue
        page.evaluate(_CLOSE_CURRENT)
        page.wait_for_function(_OPENED, arg=WELCOME, timeout=30_000)
    assert not failed, f"liens du carnet d’accueil qui n’ouvrent pas leur carnet : {failed}"


def test_the_menus_and_the_dialogs_speak_french(newcomer):
    page = newcomer
    bar = page.locator(".lm-MenuBar-content > .lm-MenuBar-item")
    titles = bar.all_inner_texts()
    assert {"Fichier", "Édition", "Affichage", "Exécution", "Noyau", "Aide"} <= set(titles), titles
    untranslated = {}
    for index, title in enumerate(titles):
        bar.nth(index).click()
        menu = page.locator(".lm-Menu").first
        menu.wait_for(timeout=10_000)
        for label in menu.locator(".lm-Menu-itemLabel").all_inner_texts():
            if english_words(label):
                untranslated.setdefault(title, []).append(label)
        page.keyboard.press("Escape")
        page.locator(".lm-Menu").first.wait_for(state="detached", timeout=10_000)
    assert not untranslated, f"libellés de menus en anglais : {untranslated}"

    # The dialog that used to warn in English « Restart Kernel? … All variables will be lost ».
    page.evaluate("() => { window.jupyterapp.commands.execute('kernelmenu:restart'); }")
    dialog = page.locator(".jp-Dialog-content")
    dialog.wait_for(timeout=30_000)
    text = dialog.inner_text()
    page.keyboard.press("Escape")
    assert "noyau" in text.lower() and not english_words(text), text


def test_no_pop_up_asks_about_jupyter_news(newcomer):
    page = newcomer
    page.wait_for_timeout(3_000)  # the question came a moment after the page opened
    toasts = page.locator(".Toastify__toast").all_inner_texts()
    assert not toasts, f"fenêtres surgissantes à l’ouverture : {toasts}"
    assert page.journal.outside() == [], "requêtes hors de la machine"
