"""docs/architecture.md describes the package as it is: every module it names exists, and
every module of the package is named there."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tanmia_course"
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
NAMED = set(re.findall(r"[\w/]+\.py\b", DOC))


def _modules() -> list[Path]:
    return sorted(
        p.relative_to(PACKAGE)
        for p in PACKAGE.rglob("*.py")
        if p.name != "__init__.py" or p.parent == PACKAGE
    )


def test_every_module_named_in_the_architecture_exists():
    paths = [f"/tanmia_course/{p}" for p in _modules()]
    missing = sorted(name for name in NAMED if not any(p.endswith(f"/{name}") for p in paths))
    assert missing == [], f"docs/architecture.md names modules that do not exist: {missing}"


def test_every_module_of_the_package_is_in_the_architecture():
    def named(module: Path) -> bool:
        # a module of an exercise folder is named once for all the folders, by its file name
        if module.parts[0] == "exercises" and len(module.parts) == 3:
            return module.name in NAMED or f"{module.parts[1]}/{module.name}" in NAMED
        return str(module) in NAMED or module.name in NAMED

    unnamed = [str(m) for m in _modules() if not named(m)]
    assert unnamed == [], f"modules missing from docs/architecture.md: {unnamed}"
