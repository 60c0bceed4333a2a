"""Everything a learner or a trainer reads shows on a plain workshop PC: no emoji.

Emoji used as icons (💡, ✏️, 👩‍🏫…) show as empty boxes on a computer without a colour-emoji
font, as many association and workshop computers are. The course writes words, or the icons
JupyterLab and ipywidgets ship (``Button(icon=…)``). The test: every character of the course's
texts (notebooks, content files, the package's strings) is drawn by DejaVu Sans, the usual
font of a Linux PC, which matplotlib ships; and none asks for an emoji picture (U+FE0F) or
joins pictures (U+200D).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from matplotlib import get_data_path

from .conftest import ROOT

EMOJI_REQUESTS = {"\ufe0f": "U+FE0F (présentation emoji)", "\u200d": "U+200D (liaison d’emoji)"}


def _plain_font() -> set[int]:
    font = TTFont(Path(get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
    return set(font.getBestCmap())


def _texts() -> list[Path]:
    package = ROOT / "tanmia_course"
    return sorted(
        [
            *package.rglob("*.py"),
            *(package / "content").rglob("*.yaml"),
            *(package / "content").rglob("*.json"),
            *(
                p
                for d in ("notebooks", "exercises", "solutions")
                for p in (ROOT / d).rglob("*.ipynb")
            ),
        ]
    )


def _readable(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return text
    notebook = json.loads(text)
    return "\n".join("".join(cell["source"]) for cell in notebook["cells"])


@pytest.mark.parametrize("path", _texts(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_character_shows_without_an_emoji_font(path):
    drawn = _plain_font()
    missing = {}
    for line_number, line in enumerate(_readable(path).splitlines(), start=1):
        for char in line:
            if char in EMOJI_REQUESTS or (ord(char) > 127 and ord(char) not in drawn):
                name = EMOJI_REQUESTS.get(char, f"« {char} » (U+{ord(char):04X})")
                missing.setdefault(name, line_number)
    assert not missing, (
        f"{path.relative_to(ROOT)} : caractères qui s’affichent en carré vide sans police "
        f"d’emoji (caractère : première ligne) : {missing}"
    )
