"""The trainer's pack: the course's exercises and forms on paper (``tanmia-course imprimer``)."""
