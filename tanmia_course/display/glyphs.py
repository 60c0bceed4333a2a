"""A font's glyphs read once from FreeType, to measure text as matplotlib does for SVG.

matplotlib lays every text out with FreeType to measure it, about 10 µs a character, text
after text. Here each character's advance and height, and each kerning pair, is read from
the font once and kept, per font file: a line is then measured by adding them up (see
:class:`_Glyphs`). No matplotlib figure is needed.
"""

from __future__ import annotations

import re
from itertools import pairwise


class _Glyphs:
    """One font's characters, each read once from FreeType: advance, lowest and highest
    point, whether it has ink; kerning pairs, and the letters it joins into one glyph.
    Sizes at 1 pt, in points, measured as matplotlib measures text for SVG (100 pixels to
    the em, no hinting)."""

    _EM = 100 * 64  # FreeType's 1/64 of a pixel, at 100 pixels to the em

    def __init__(self, path: str) -> None:
        from matplotlib.font_manager import get_font

        self.font = get_font(path)  # shared with matplotlib: set the size before each read
        self.chars: dict[str, tuple[int, int, int, int, bool] | None] = {}
        self.kerning: dict[tuple[int, int], int] = {}
        self._joined: dict[str, int] | None = None

    def char(self, char: str) -> tuple[int, int, int, int, bool] | None:
        """Glyph index, advance, bottom, top (1/64 px at 100 px) and whether it has ink;
        ``None`` when the font lacks the character."""
        if char not in self.chars:
            from matplotlib.ft2font import LoadFlags

            index = self.font.get_char_index(ord(char))
            if index == 0:
                self.chars[char] = None
            else:
                self.font.set_size(100, 72)
                glyph = self.font.load_char(ord(char), flags=LoadFlags.NO_HINTING)
                x0, y0, x1, y1 = glyph.bbox
                self.chars[char] = (index, glyph.horiAdvance, y0, y1, x1 > x0 or y1 > y0)
        return self.chars[char]

    def kern(self, left: int, right: int) -> int:
        if (left, right) not in self.kerning:
            from matplotlib.ft2font import Kerning

            self.font.set_size(100, 72)
            self.kerning[(left, right)] = self.font.get_kerning(left, right, Kerning.DEFAULT)
        return self.kerning[(left, right)]

    def joined(self) -> dict[str, int]:
        """How much shorter the font writes letters it joins into one glyph (« fi »…) than
        their glyphs side by side, read from FreeType once."""
        if self._joined is None:
            from matplotlib.ft2font import LoadFlags

            self._joined = {}
            for letters in _JOINABLE:
                self.font.set_size(100, 72)
                probe = self.font.set_text(f"x{letters}x", 0.0, flags=LoadFlags.NO_HINTING)
                glyphs = [self.char(c) for c in f"{letters}x"]
                if len(probe) < len(letters) + 2 and None not in glyphs:  # x, one glyph, x
                    apart = sum(g[1] for g in glyphs[:-1]) + sum(
                        self.kern(a[0], b[0]) for a, b in pairwise(glyphs)
                    )
                    self._joined[letters] = round(probe[-1][0] - probe[1][0]) - apart
        return self._joined

    def advance(self, char: str) -> float:
        """A character's advance at 1 pt, in points (0 when the font lacks it)."""
        glyph = self.char(char)
        return 0.0 if glyph is None else glyph[1] / self._EM

    def line(self, text: str) -> tuple[float, float, float] | None:
        """Width, height and descent of one line at 1 pt, in points; ``None`` when a
        character is missing from the font or nothing is inked (left to matplotlib)."""
        pen, previous, bottom, top, inked = 0, None, 0, 0, False
        for char in text:
            glyph = self.char(char)
            if glyph is None:
                return None
            index, advance, low, high, ink = glyph
            if previous is not None:
                pen += self.kern(previous, index)
            if ink:
                bottom, top = (min(bottom, low), max(top, high)) if inked else (low, high)
                inked = True
            pen += advance
            previous = index
        if not inked:
            return None
        if "f" in text:
            joined = self.joined()
            pen += sum(joined.get(m.group(), 0) for m in _JOINABLE_RE.finditer(text))
        return pen / self._EM, (top - bottom) / self._EM, -bottom / self._EM


_JOINABLE = ("ffi", "ffl", "ff", "fi", "fl")  # letters fonts often join (ligatures)
_JOINABLE_RE = re.compile("|".join(_JOINABLE))  # the longest first, as text shaping does
_FONTS: dict[str, _Glyphs] = {}


def _glyphs(path: str) -> _Glyphs:
    if path not in _FONTS:
        _FONTS[path] = _Glyphs(path)
    return _FONTS[path]
