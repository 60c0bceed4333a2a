"""Generators of hostile input: broken content files, broken hand-ins, hostile text.

Each starts from a real file of the course (a content file, a hand-in of the demo class) and
breaks it the ways a tired trainer, a broken transfer or a hostile sender would: a value of
another type anywhere, a key removed or added, a key that is a number, YAML aliases, keys given
twice, text cut short, bytes that are not text, payloads of HTML and script.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from tanmia_course.classroom.result import DEMO_FOLDER
from tanmia_course.content.loader import PACKAGE_CONTENT

CONTENT_FILES = sorted(PACKAGE_CONTENT.rglob("*.yaml"))
HANDINS = sorted(DEMO_FOLDER.glob("*.json"))

# What a hostile sender writes in a name, a justification, an actor's label.
PAYLOADS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "{{7*7}} ${7*7} %(x)s {0}",
    "\u202e\u200b\u0000",
    "A\u0308\ufeff",
    "ⵜⵉⴼⴰⵡⵉⵏ فاطمة",
]
hostile_text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=40),
    st.integers(1000, 6000).map(lambda n: "x" * n),  # a very long name
)

# Any value, of any type, where another was expected.
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False),
    hostile_text,
)
values = st.recursive(
    leaves,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(doc: Any, here: tuple = ()) -> list[tuple]:
    """Every place in a document (a path of keys and indexes)."""
    found = [here]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += _paths(value, (*here, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            found += _paths(value, (*here, index))
    return found


def _at(doc: Any, path: tuple) -> Any:
    for step in path:
        doc = doc[step]
    return doc


@st.composite
def broken_documents(draw: st.DrawFn, doc: Any) -> Any:
    """``doc`` with one to three places broken: a value replaced, a key removed, a key added."""
    doc = json.loads(json.dumps(doc, default=str))  # a copy, dates as text
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(doc)))
        if not path:
            continue
        parent, last = _at(doc, path[:-1]), path[-1]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            parent[last] = draw(values)
        elif action == "remove":
            del parent[last]
        elif isinstance(parent, dict):
            parent[draw(st.one_of(st.text(max_size=8), st.integers()))] = draw(values)
        else:
            parent.append(draw(values))
    return doc


def _text_damage(draw: st.DrawFn, text: str) -> str:
    """Damage to the text itself: cut short, a line doubled, bytes swapped in."""
    action = draw(st.sampled_from(["none", "cut", "double", "junk"]))
    if action == "cut":
        return text[: draw(st.integers(0, len(text)))]
    lines = text.splitlines(keepends=True)
    if action == "double" and lines:
        n = draw(st.integers(0, len(lines) - 1))
        return "".join(lines[: n + 1] + lines[n:])
    if action == "junk":
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.text(max_size=20)) + text[at:]
    return text


@st.composite
def broken_content_files(draw: st.DrawFn) -> bytes:
    """A content file of the course, broken; sometimes with aliases, sometimes not UTF-8."""
    source: Path = draw(st.sampled_from(CONTENT_FILES))
    doc = draw(broken_documents(yaml.safe_load(source.read_text(encoding="utf-8"))))
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    if draw(st.booleans()):
        text = _text_damage(draw, text)
    if draw(st.integers(0, 9)) == 0:
        text += "extra: &a [1, 2]\nagain: *a\n"
    data = text.encode("utf-8")
    if draw(st.integers(0, 19)) == 0:
        data = data.replace(b"e", b"\xff", 1)
    return data


@st.composite
def broken_handins(draw: st.DrawFn) -> bytes:
    """A hand-in of the demo class, broken, with hostile text in its name."""
    source: Path = draw(st.sampled_from(HANDINS))
    try:
        doc = json.loads(source.read_bytes())
    except ValueError:  # the demo's file cut off in transfer
        return source.read_bytes()
    if isinstance(doc, dict) and draw(st.booleans()):
        doc["nom"] = draw(hostile_text)
    doc = draw(broken_documents(doc))
    text = json.dumps(doc, ensure_ascii=False)
    if draw(st.booleans()):
        text = _text_damage(draw, text)
    return text.encode("utf-8", "surrogatepass")
