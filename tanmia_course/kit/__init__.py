"""The offline kit (``tanmia-course kit-hors-ligne DOSSIER``): a folder for a USB stick that
installs the course on Windows, macOS and Linux computers with no Internet.

What is in a kit, how each target is resolved and checked, and how the install scripts work:
:mod:`tanmia_course.kit.build`; the scripts and the kit's French README: ``kit/files/``.
"""
