"""``python -m tanmia_course``: the ``tanmia-course`` command, where its launcher is not on
the PATH (``py -m tanmia_course ouvrir`` on Windows after ``py -m pip install --user``)."""

from .cli import main

raise SystemExit(main())
