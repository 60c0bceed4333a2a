"""A printed page as PDF, by Chromium's own « print to PDF » (headless, no Python package).

Chromium is found as the Makefile finds it: ``TANMIA_CHROMIUM``, then ``chromium``, then
``chromium-browser`` on the PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import system_reason

CHROMIUM_ENV = "TANMIA_CHROMIUM"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)
TIMEOUT = 120  # seconds for one document; a pack's biggest takes about two


class PdfImpossible(RuntimeError):
    """Chromium could not print a document; the message says why, in French."""


def find_chromium() -> str | None:
    """The path of Chromium, or None when it is not installed; a :data:`CHROMIUM_ENV` that
    names no file raises :class:`PdfImpossible`, naming it."""
    if given := os.environ.get(CHROMIUM_ENV, "").strip():
        if not Path(given).is_file():
            raise PdfImpossible(
                f"La variable {CHROMIUM_ENV} indique « {given} », qui n’est pas un fichier : "
                "corrigez-la (le chemin de Chromium) ou retirez-la."
            )
        return given
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_to_pdf(chromium: str, page: Path, pdf: Path) -> Path:
    """Print the HTML file ``page`` to ``pdf`` with headless ``chromium``: the page's own
    ``@page`` rules give the paper size, margins and feet of pages. A PDF already there that
    cannot be replaced (open in a PDF reader) raises :class:`PdfImpossible`, saying why."""
    try:
        pdf.unlink(missing_ok=True)
    except OSError as exc:
        raise PdfImpossible(
            f"Le PDF « {pdf.name} » n’a pas pu être remplacé ({system_reason(exc)})."
        ) from None
    # Chromium's helpers may still hold files of its profile when it ends (on Windows).
    with tempfile.TemporaryDirectory(
        prefix="tanmia-chromium-", ignore_cleanup_errors=True
    ) as profile:
        command = [
            chromium,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf.resolve()}",
            page.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                encoding="utf-8",
                errors="replace",  # its messages, in whatever the system writes them
                timeout=TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            raise PdfImpossible(
                f"Chromium n’a pas fini d’imprimer « {page.name} » en {TIMEOUT} secondes."
            ) from None
        except OSError as exc:
            raise PdfImpossible(f"Chromium ne démarre pas ({exc.strerror or exc}).") from None
    if not pdf.is_file() or pdf.read_bytes()[:5] != b"%PDF-":
        detail = " ".join(done.stderr.split()[-30:])
        raise PdfImpossible(
            f"Chromium n’a pas écrit le PDF de « {page.name} » (code {done.returncode}"
            + (f"\u00a0; message\u00a0: {detail}" if detail else "")
            + ")."
        )
    return pdf
