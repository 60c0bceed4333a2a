"""Idle servers are stopped (``--inactivite``): the hub runs jupyterhub-idle-culler as one of its
services; a participant whose server it stopped keeps their saved work and signs in again."""

from __future__ import annotations

import json

import pytest

from tanmia_course.work.store import save_answer
from tanmia_course.workshop.hub import free_port

from .harness import (
    CODE,
    HUB_TESTS,
    TRAINER_CODE,
    api,
    hub_rows,
    running,
    sign_in,
    start_server,
    started,
    wait_until,
)

pytest.importorskip("jupyterhub", reason="JupyterHub n’est pas installé : lancez « make hub »")
pytest.importorskip("requests")

pytestmark = HUB_TESTS


def test_an_idle_server_is_stopped_and_its_participant_signs_in_again(tmp_path):
    folder = tmp_path / "atelier"
    options = ["--code", CODE, "--code-formateur", TRAINER_CODE, "--inactivite", "0,1"]
    with started(folder, *options, port=free_port()) as hub:
        assert "inactifs depuis 0,1\xa0min sont arrêtés" in hub.text()
        session, answer = sign_in(hub.url, "Youssef")
        assert answer.status_code == 302
        pid = start_server(hub.url, session, "youssef", folder)
        saved = save_answer("cartographie_acteurs", {"acteurs": {}}, folder / "classe" / "youssef")

        trainer, answer = sign_in(hub.url, "Formatrice", TRAINER_CODE)
        assert answer.status_code == 302
        # The culler is one of the hub's services, started by it, with its own role only:
        # it may list the users, read their activity and servers, and stop servers; no more.
        service = api(trainer, hub.url, "services")["idle-culler"]
        assert service["roles"] == ["idle-culler"] and service["admin"] is False, service
        assert running(service["pid"]), service
        (scopes,) = hub_rows(folder, "SELECT scopes FROM roles WHERE name = 'idle-culler'")[0]
        assert set(json.loads(scopes)) == {
            "list:users",
            "read:users:activity",
            "read:servers",
            "delete:servers",
        }

        # 6 s idle, looked at every 3 s: stopped well within 40 s.
        def stopped():
            user = api(trainer, hub.url, "users/youssef")
            return not running(pid) and user["servers"] == {} and user["pending"] is None

        wait_until(stopped, 40, "the idle server is stopped")
        # told in the workshop's log of idle servers, not in the trainer's terminal
        log = (hub.folder / "journaux" / "arret-des-inactifs.log").read_text(encoding="utf-8")
        assert "Culling server youssef" in log and "Culling server" not in hub.text()

        # Their work is in their files; the name is free again, and the workshop code enough.
        assert saved.chemin.read_bytes()
        assert sign_in(hub.url, "Youssef")[1].status_code == 302
