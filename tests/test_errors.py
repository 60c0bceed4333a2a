"""What a trainer or learner reads when the system refuses a file: the reason in French."""

from __future__ import annotations

import errno

import pytest

from tanmia_course.display.text import NBSP, french_spacing
from tanmia_course.errors import system_reason


def _windows_error(winerror: int) -> PermissionError:
    """A PermissionError as Windows raises it: errno EACCES, and the Windows error code."""
    exc = PermissionError(errno.EACCES, "Le processus ne peut pas accéder au fichier")
    exc.winerror = winerror  # set by Python on Windows only
    return exc


@pytest.mark.parametrize("winerror", [32, 33])
def test_a_file_open_in_another_program_says_to_close_it(winerror):
    reason = system_reason(_windows_error(winerror))
    assert "ouvert dans un autre programme" in reason
    assert "Word" in reason
    assert f"){NBSP}: fermez-le" in french_spacing(reason)  # spaced where it is shown
    assert "permission refusée" not in reason


def test_a_write_protected_stick_is_named_so():
    assert system_reason(_windows_error(19)) == "support protégé en écriture"


def test_other_windows_errors_keep_the_errno_s_reason():
    assert system_reason(_windows_error(5)) == "permission refusée"  # ERROR_ACCESS_DENIED


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "disque plein"),
        (PermissionError(errno.EACCES, "Permission denied"), "permission refusée"),
        (OSError(errno.EROFS, "Read-only file system"), "support en lecture seule"),
        (OSError(errno.ENOEXEC, "Exec format error"), "Exec format error"),
    ],
)
def test_everywhere_the_errno_gives_the_reason(exc, reason):
    assert system_reason(exc) == reason
