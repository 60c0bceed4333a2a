"""Every notebook of the course, opened in JupyterLab in headless Chromium and run top to bottom.

For each notebook (discovered under notebooks/, exercises/, solutions/): every cell runs, every
widget is drawn (no « Error displaying widget », no JavaScript error), each kind of widget reacts
to a real click or key press, no label is cut off, and the page asks nothing of any host but
127.0.0.1. Screenshots of each notebook go to captures/jupyterlab/ (git-ignored) for review.

The tests of one notebook share its page (module-scoped fixture ``lab_notebook``); they run in
the order of this file: run, interactions, readability and screenshots, then the requests.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from tanmia_course.content.loader import load_content
from tanmia_course.exercises.audit.analysis import decide

from .class_view import use_class_view
from .conftest import needs
from .harness import CAPTURES, LAPTOP, VIEWPORT, clipped_on_screens, quiz_ids, short_id

pytestmark = pytest.mark.browser


@needs()
def test_every_cell_runs_and_every_widget_is_drawn(lab_notebook):
    nb = lab_notebook
    assert nb.run_ok and not nb.run_problems, (
        f"{nb.path} ne s’exécute pas jusqu’au bout dans JupyterLab : {nb.run_problems}"
    )
    report = nb.widget_report()
    assert report["problems"] == [], f"{nb.path} : widgets mal affichés : {report['problems']}"
    assert nb.journal.console_errors == [], (
        f"{nb.path} : erreurs JavaScript dans la console : {nb.journal.console_errors}"
    )


# -- the self-check quiz --------------------------------------------------------------------


def _quiz_texts(quiz_id: str):
    quiz = next(q for q in load_content().quizzes if q.id == quiz_id)
    first = quiz.questions[0]
    right = [str(o.text) for o in first.options if o.correct]
    wrong = [str(o.text) for o in first.options if not o.correct]
    return quiz, first, right, wrong


@needs("quiz")
def test_answering_the_quiz_shows_the_feedback_and_the_score(lab_notebook):
    nb = lab_notebook
    quiz, first, right, wrong = _quiz_texts(quiz_ids(nb.path)[0])
    box = nb.cell_output(".tanmia-quiz")
    box.scroll_into_view_if_needed()
    total = len(quiz.questions)
    assert box.get_by_text(f"Score\u00a0: 0 / {total}").is_visible()
    assert box.get_by_text("✓ Oui").count() == 0 and box.get_by_text("✗ Non").count() == 0

    # The right answer, with the mouse: the option's explanation and the score follow.
    for text in right:
        box.get_by_label(text, exact=True).click()
    box.get_by_text("✓ Oui").first.wait_for(timeout=10_000)
    box.get_by_text(f"Score\u00a0: 1 / {total}").wait_for(timeout=10_000)

    # Then a wrong one: a « Non » that explains, and the point is lost.
    box.get_by_label(wrong[0], exact=True).click()
    box.get_by_text("✗ Non").first.wait_for(timeout=10_000)
    box.get_by_text(f"Score\u00a0: 0 / {total}").wait_for(timeout=10_000)
    assert first.type in ("single", "multiple")


# -- the benefits ranking: mouse and keyboard ---------------------------------------------------


def _names(select) -> list[str]:
    """The benefits shown in a list, without their place number (« 3. », « Rangée 2. »)."""
    texts = [t.replace("\xa0", " ") for t in select.locator("option").all_inner_texts()]
    return [re.sub(r"^(Rangée )?\d+\.\s*", "", t) for t in texts]


def _ranking(nb):
    box = nb.cell_output(".tanmia-classement-widget")
    box.scroll_into_view_if_needed()
    return box, box.locator("select").nth(0), box.locator("select").nth(1)


def _wait_names(select, check, what: str, timeout: float = 10.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        names = _names(select)
        if check(names):
            return names
        time.sleep(0.1)
    raise AssertionError(f"{what} : le classement affiché est resté {_names(select)}")


@needs("classement_avantages")
def test_a_benefit_moved_with_the_mouse_changes_the_order(lab_notebook):
    from playwright.sync_api import expect

    box, pool, ranking = _ranking(lab_notebook)
    place = box.get_by_role("button", name="Placer →")
    while len(_names(ranking)) < 2:  # place two cards if the ranking is still empty
        count = len(_names(ranking))
        pool.locator("option").first.click()
        expect(place).to_be_enabled()
        place.click()
        _wait_names(ranking, lambda n, c=count: len(n) == c + 1, "« Placer → » à la souris")
    before = _names(ranking)
    ranking.locator("option").nth(len(before) - 1).click()
    up = box.get_by_role("button", name="Monter", exact=True)
    expect(up).to_be_enabled()
    up.click()
    expected = [*before[:-2], before[-1], before[-2]]
    _wait_names(ranking, lambda n: n == expected, "« Monter » à la souris")


@needs("classement_avantages")
def test_a_benefit_is_placed_and_moved_with_the_keyboard_alone(lab_notebook):
    from playwright.sync_api import expect

    nb = lab_notebook
    box, pool, ranking = _ranking(nb)
    keyboard = nb.page.keyboard
    place = box.get_by_role("button", name="Placer →")
    up = box.get_by_role("button", name="Monter", exact=True)

    # Place a card: ↓ chooses in the list on the left, Tab reaches « Placer → », Entrée.
    before = _names(ranking)
    if pool.locator("option").count() and len(before) < ranking_capacity(box):
        pool.focus()
        keyboard.press("ArrowDown")
        chosen = pool.evaluate("s => s.options[s.selectedIndex].text").replace("\xa0", " ")
        _wait_detail(box, chosen)
        expect(place).to_be_enabled()
        keyboard.press("Tab")
        expect(place).to_be_focused()
        keyboard.press("Enter")
        after = _wait_names(ranking, lambda n: len(n) == len(before) + 1, "« Placer → » au clavier")
        assert after[-1] == chosen, f"« {chosen} » devait arriver en dernière place : {after}"
        before = after

    # Move the second card up: Début then ↓ in the ranking, Tab to « Monter », Entrée.
    assert len(before) >= 2, "il faut deux cartes placées pour tester « Monter »"
    ranking.focus()
    keyboard.press("Home")
    keyboard.press("ArrowDown")
    expect(ranking).to_be_focused()  # the notebook did not take the arrow key
    _wait_detail(box, before[1])
    expect(up).to_be_enabled()
    keyboard.press("Tab")
    expect(up).to_be_focused()
    keyboard.press("Enter")
    expected = [before[1], before[0], *before[2:]]
    _wait_names(ranking, lambda n: n == expected, "« Monter » au clavier")


@needs("classement_avantages")
def test_keys_typed_in_a_widget_list_never_edit_the_notebook(lab_notebook):
    # JupyterLab's command-mode shortcuts (A, B: insert a cell; D D: delete one; M: markdown)
    # would otherwise fire in a focused list; the course's settings keep them off the widgets.
    nb = lab_notebook
    _, pool, _ = _ranking(nb)
    cells = "window.jupyterapp.shell.currentWidget.content.model.sharedModel.cells"
    before = nb.page.evaluate(f"{cells}.map(c => c.cell_type + ':' + c.source.length)")
    pool.focus()
    for key in ("a", "b", "d", "d", "m", "x", "z", "ArrowDown", "ArrowUp"):
        nb.page.keyboard.press(key)
    nb.page.wait_for_timeout(300)
    after = nb.page.evaluate(f"{cells}.map(c => c.cell_type + ':' + c.source.length)")
    assert after == before, "des touches tapées dans une liste du widget ont modifié le carnet"
    assert nb.page.evaluate("document.activeElement.tagName") == "SELECT"


def _wait_detail(box, chosen: str) -> None:
    """Wait until the widget describes the benefit just chosen (the kernel has seen the key)."""
    from playwright.sync_api import expect

    name = chosen.split(" — ")[0]
    expect(box.locator(".widget-html", has_text="thème du cours").first).to_contain_text(name)


def ranking_capacity(box) -> int:
    """The « n / capacité » shown above the ranking."""
    found = re.search(r"Votre classement\s*\(\d+\s*/\s*(\d+)", box.inner_text())
    assert found, "capacité du classement (« Votre classement (n / capacité) ») introuvable"
    return int(found[1])


# -- the actor map -----------------------------------------------------------------------------


def _map_image(box):
    image = box.locator("img").first
    image.wait_for(state="visible")
    return image


def _wait_redrawn(page, image, old_src: str, what: str) -> None:
    try:
        page.wait_for_function(
            "([img, old]) => img.src !== old && img.complete && img.naturalWidth > 100",
            arg=[image.element_handle(), old_src],
            timeout=15_000,
        )
    except Exception as exc:
        raise AssertionError(f"la carte ne s’est pas redessinée après {what}") from exc


@needs("carte_acteurs")
def test_moving_an_actor_redraws_the_map_with_keyboard_and_mouse(lab_notebook):
    nb = lab_notebook
    box = nb.cell_output(".tanmia-carte-acteurs")
    box.scroll_into_view_if_needed()
    image = _map_image(box)

    # Keyboard: Tab-reachable slider handle, → (or ← at the top of the scale).
    handle = box.locator(".widget-hslider", has_text="Influence").locator(".noUi-handle")
    old_value, top = handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuemax")
    old_src = image.get_attribute("src")
    handle.focus()
    nb.page.keyboard.press("ArrowLeft" if float(old_value) >= float(top) else "ArrowRight")
    _wait_redrawn(nb.page, image, old_src, "une flèche du clavier sur « Influence »")
    assert handle.get_attribute("aria-valuenow") != old_value

    # Mouse: a click on the « Intérêt » scale, at the other end from the handle.
    slider = box.locator(".widget-hslider", has_text="Intérêt")
    handle = slider.locator(".noUi-handle")
    old_value, top = handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuemax")
    track = slider.locator(".noUi-base").bounding_box()
    x = 0.05 if float(old_value) > float(top) / 2 else 0.95
    old_src = image.get_attribute("src")
    nb.page.mouse.click(track["x"] + x * track["width"], track["y"] + track["height"] / 2)
    _wait_redrawn(nb.page, image, old_src, "un clic sur l’échelle « Intérêt »")
    assert handle.get_attribute("aria-valuenow") != old_value


@needs("carte_acteurs")
def test_every_description_of_the_map_sits_in_the_label_column(lab_notebook):
    box = lab_notebook.cell_output(".tanmia-carte-acteurs")
    box.scroll_into_view_if_needed()
    edges = box.locator(".widget-label").evaluate_all(
        """labels => labels
          .filter(l => l.getClientRects().length && l.textContent.trim())
          .map(l => [l.textContent.trim(), Math.round(l.getBoundingClientRect().right)])"""
    )
    rights = dict(edges)
    assert "Position" in rights and "Influence" in rights, rights
    column = rights["Influence"]
    astray = {name: right for name, right in rights.items() if abs(right - column) > 1}
    assert not astray, (
        f"libellés hors de la colonne des libellés (bord droit {column} px) : {astray}"
    )


# -- the case audit ----------------------------------------------------------------------------


@needs("audit_cas")
def test_setting_a_criterion_level_updates_the_verdict(lab_notebook):
    from playwright.sync_api import expect

    nb = lab_notebook
    box = nb.cell_output(".tanmia-audit")
    box.scroll_into_view_if_needed()
    verdict = box.locator(".widget-html", has_text="Verdict\u00a0:").first
    before = verdict.inner_text()
    levels = box.locator(".widget-toggle-buttons").first
    active = levels.locator("button.mod-active").all_inner_texts()  # none while « non noté »
    target = "0" if [t.strip() for t in active] == ["3"] else "3"
    levels.get_by_role("button", name=target, exact=True).click()
    expect(levels.get_by_role("button", name=target, exact=True)).to_have_class(
        re.compile(r"\bmod-active\b")
    )
    expect(verdict).not_to_have_text(before)
    assert "Verdict\u00a0:" in verdict.inner_text()
    criteria = [c.id for c in load_content().criteria]
    if f"Verdict\u00a0: {decide(dict.fromkeys(criteria)).ligne()}" in before:  # a blank audit:
        expected = decide({c: (int(target) if i == 0 else None) for i, c in enumerate(criteria)})
        expect(verdict).to_contain_text(f"Verdict\u00a0: {expected.ligne()}")  # known exactly


# -- the trainer's class view -------------------------------------------------------------------


@needs("vue_de_classe")
def test_the_trainer_uses_the_class_view(lab_notebook):
    use_class_view(lab_notebook.page, lab_notebook.cell_output(".tanmia-vue-classe"))


# -- handing in: the learner's export -----------------------------------------------------------


@needs("mes_travaux")
def test_the_learner_exports_the_saved_work_as_one_file(lab_notebook):
    from playwright.sync_api import expect

    nb = lab_notebook
    export = nb.page.get_by_role("button", name="Exporter mes travaux")
    box = nb.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output", has=export)
    box.scroll_into_view_if_needed()
    box.get_by_role("textbox", name="Nom :").fill("Groupe Tifawin")
    export.click()
    outcome = box.get_by_text(re.compile(r"Rien à exporter|exportés? le"))
    expect(outcome.first).to_be_visible(timeout=20_000)
    link = box.get_by_role("link", name=re.compile(r"Télécharger travaux_.*\.json"))
    if "Rien à exporter" in outcome.first.inner_text():  # no answer saved yet: said plainly
        expect(link).to_have_count(0)
        return
    expect(link).to_be_visible()
    with nb.page.expect_download() as download:
        link.click()
    handed_in = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert "Groupe Tifawin" in json.dumps(handed_in, ensure_ascii=False)


# -- last: readability, screenshots, requests --------------------------------------------------


@needs()
def test_no_text_is_cut_off_and_the_screens_are_captured(lab_notebook):
    nb = lab_notebook
    clipped = clipped_on_screens(nb.page, nb.clipped_text)
    shots = nb.capture(CAPTURES / "jupyterlab" / short_id(nb.path))
    assert shots and all(p.stat().st_size > 5_000 for p in shots)
    assert clipped == {}, f"{nb.path} : textes coupés dans un widget : {clipped}"
    assert nb.journal.console_errors == [], (
        f"{nb.path} : erreurs JavaScript après les manipulations : {nb.journal.console_errors}"
    )


@needs()
def test_no_widget_overflows_its_cell_on_a_1280_by_800_screen(lab_notebook):
    nb = lab_notebook
    nb.page.set_viewport_size(LAPTOP)
    nb.show_file_browser()  # as a newcomer sees JupyterLab: the file browser open on the left
    try:
        # The page at rest: the panels settle a moment after the file browser opens.
        overflowing, before = nb.overflowing(), None
        for _ in range(10):
            if overflowing == before:
                break
            nb.page.wait_for_timeout(500)
            before, overflowing = overflowing, nb.overflowing()
        nb.capture(CAPTURES / "jupyterlab-1280x800" / short_id(nb.path), keep_left=True)
    finally:
        nb.page.set_viewport_size(VIEWPORT)
    assert overflowing == [], (
        f"{nb.path} : à 1280 × 800, des widgets dépassent de leur cellule : {overflowing}"
    )


@needs()
def test_no_request_leaves_127_0_0_1(lab_notebook):
    nb = lab_notebook
    assert nb.journal.requests, "aucune requête enregistrée : le suivi du réseau ne marche pas"
    assert nb.journal.outside() == [], (
        f"{nb.path} : la page demande des ressources hors de la machine : {nb.journal.outside()}"
    )
