"""The workshop's tests need JupyterHub (``make hub``): without it they are skipped, with the
reason in French."""

from __future__ import annotations

import importlib.util

import pytest

HUB_MISSING = importlib.util.find_spec("jupyterhub") is None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not HUB_MISSING:
        return
    skip = pytest.mark.skip(reason="JupyterHub n’est pas installé : lancez « make hub »")
    for item in items:
        if "tests/workshop" in str(item.path):
            item.add_marker(skip)
