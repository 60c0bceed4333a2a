"""The trainer's class view on 10,000 hand-in files, against a bare ``json.load`` loop over
the same files, both measured in the same run.

Files: 10,000 hand-ins shaped like the demo class (scripts/generate_demo_class.py): each
has an actor map (about 10 actors, links), a ranking of the benefits with three
justifications, an audit of a case (11 criteria with evidence) and a quiz — about 7 kio each,
written into a temporary folder by another process.

- Task « vue de classe » : ``tc.classe(dossier)`` (every file read, checked, duplicates
  settled) then every class table: participation, summary, actor map, benefits'
  consensus, audit of the case, quiz scores (no figure).
- Baseline « json.load » : ``json.load`` of each file, nothing kept.

Target: ≤ 1.5×. For information, a second line gives a bare ``orjson.loads`` loop (the bytes
of each file read, then parsed, nothing kept) against the same baseline: what parsing alone
costs with a fast parser. The class view decodes these files with msgspec against the
content's types (:mod:`tanmia_course.work.typed_handins`), which parses and checks in one
pass.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(ROOT / "scripts"))
from _harness import interleaved, report, size  # noqa: E402
from generate_demo_class import CASE_ID, QUIZ_ID, synthetic_class  # noqa: E402

N_FILES = size(10_000, 200)
TARGET = 1.5


def main() -> int:
    from tanmia_course.classroom.analysis import read_class

    with tempfile.TemporaryDirectory(prefix="bench_rendus_") as tmp:
        folder = Path(tmp)
        # Written by another process, so that making 10,000 files leaves this one's memory
        # as a trainer's session would have it.
        subprocess.run([sys.executable, __file__, "--ecrire", str(folder)], check=True)
        paths = sorted(folder.iterdir())
        size = sum(p.stat().st_size for p in paths) / len(paths) / 1024
        print(f"{len(paths)} fichiers de travaux, {size:.1f} kio en moyenne".replace(".", ","))

        def baseline() -> None:
            for path in paths:
                with open(path, encoding="utf-8") as handle:
                    json.load(handle)

        def bare_orjson() -> None:
            for path in paths:
                orjson.loads(path.read_bytes())

        def task() -> None:
            classe = read_class(folder)
            classe.participation()
            classe.resume()
            classe.carte_acteurs()
            classe.classement()
            classe.audit(CASE_ID)
            classe.quiz(QUIZ_ID)

        check = read_class(folder)
        accepted = sum(f.statut == "accepte" for f in check.fichiers_lus)
        print(f"Contrôle : {accepted} fichiers acceptés sur {len(paths)}")
        del check  # the check's class is not left for the collector to scan during the runs
        gc.collect()
        task_s, base_s = interleaved(task, baseline, repeats=5)
        parser_s, parser_base_s = interleaved(bare_orjson, baseline, repeats=5)
    name = f"vue de classe ({N_FILES:,} rendus)".replace(",", "\u202f")
    ok = report(name, task_s, base_s, TARGET, "json.load")
    print(
        f"  (pour information : une boucle orjson.loads nue sur les mêmes fichiers, "
        f"{parser_s / parser_base_s:.2f}× json.load, {parser_s * 1000:.1f} ms)"
    )
    return 0 if ok and accepted == N_FILES else 1


def write_class(folder: Path) -> None:
    for i, data in enumerate(synthetic_class(N_FILES)):
        (folder / f"travaux_{i:05d}.json").write_bytes(data)


if __name__ == "__main__" and sys.argv[1:2] == ["--ecrire"]:
    write_class(Path(sys.argv[2]))
elif __name__ == "__main__":
    raise SystemExit(main())
