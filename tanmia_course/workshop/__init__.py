"""The workshop server (``tanmia-course atelier``): one machine serves the course to the room
through JupyterHub — the sign-in (auth.py), each participant's server (spawner.py), the
workshop folder and the hub's configuration (hub.py). Imported only by the command line and by
JupyterHub itself (jupyterhub is an optional dependency: ``pip install tanmia-course[atelier]``).
"""
