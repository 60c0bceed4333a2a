# tanmia-course — deux commandes : `make lab` (suivre le cours) et `make test` (tout vérifier).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

.PHONY: lab hub kit traductions test test-browser lint format exercices sorties bench fuzz clean

# Chromium for the tests in a real browser (tests/browser): Debian's `chromium` package.
CHROMIUM ?= $(or $(TANMIA_CHROMIUM),$(shell command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null))

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 ou plus récent est nécessaire (trouvé : " + sys.version.split()[0] + ").")'
	$(PYTHON) -m venv $(VENV)

# The course's bytecode is written once here (pip does so for an installed package; an
# editable install leaves it to each import, which PYTHONDONTWRITEBYTECODE forbids).
$(VENV)/.installe-lab: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	$(PY) -m compileall -q tanmia_course
	touch $@

# The tests run in what `make lab` installs, plus the test tools.
$(VENV)/.installe-test: pyproject.toml $(VENV)/.installe-lab | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

# Jupyter reads the course's settings from the repository (an editable install does not copy
# the data files of pyproject.toml): notebook shortcuts kept off the widgets, Voilà without CDN.
JUPYTER_COURS := JUPYTER_CONFIG_PATH="$(CURDIR)/etc/jupyter$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH))" JUPYTER_PATH="$(CURDIR)/share/jupyter$(if $(JUPYTER_PATH),:$(JUPYTER_PATH))"

# The whole course folder is the server's root (lessons, exercises, solutions: the links
# between notebooks work), and JupyterLab opens on the welcome notebook. As root (a container,
# a workshop box) JupyterLab refuses to start without --allow-root: say so in French, then
# start it all the same. LAB_OPTIONS adds JupyterLab options (--no-browser, --port=…). The
# browser tests start the course with this very target, on a copy of the course (COURS), as
# the pages they drive save the notebooks (tests/browser/harness.py).
COURS ?= $(CURDIR)
LAB_OPTIONS ?=
ROOT_USER := $(filter 0,$(shell id -u 2>/dev/null))

## Ouvrir le cours dans JupyterLab, sur le notebook d'accueil.
lab: $(VENV)/.installe-lab
ifneq ($(ROOT_USER),)
	@echo "Vous lancez le cours en tant qu’administrateur (root) : JupyterLab démarre avec l’option --allow-root. Sur un ordinateur partagé, préférez un compte ordinaire."
endif
	$(JUPYTER_COURS) $(BIN)/jupyter lab --ServerApp.root_dir="$(COURS)" --LabApp.default_url=/lab/tree/notebooks/00_bienvenue.ipynb $(if $(ROOT_USER),--allow-root) $(LAB_OPTIONS)

# The workshop's hub (tanmia-course atelier): JupyterHub from PyPI, its proxy from npm, into
# node_modules/ here (the command takes it from there, never from the PATH).
$(VENV)/.installe-atelier: pyproject.toml $(VENV)/.installe-lab | $(PY)
	$(PY) -m pip install --quiet -e ".[atelier]"
	touch $@

node_modules/.bin/configurable-http-proxy: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm est introuvable : installez Node.js 20 ou plus récent (apt-get install nodejs npm), puis relancez « make hub »."; exit 1; }
	npm ci --no-audit --no-fund
	touch $@

## Installer l'atelier sur le réseau local : JupyterHub et son proxy (une fois, avec Internet) ;
## puis « .venv/bin/tanmia-course atelier » le démarre.
hub: $(VENV)/.installe-atelier node_modules/.bin/configurable-http-proxy

## Traductions de l'interface (gettext, avec Babel) : extraire les chaînes marquées _("…") du
## code dans tanmia_course/locale/tanmia_course.pot, mettre à jour les catalogues ar et en,
## puis les compiler (.mo). Voir docs/traductions.md.
LOCALE := tanmia_course/locale
traductions: $(VENV)/.installe-lab
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --project=tanmia-course --copyright-holder="Contributeurs de tanmia-course" -o $(LOCALE)/tanmia_course.pot .
	$(BIN)/pybabel update -i $(LOCALE)/tanmia_course.pot -d $(LOCALE) -D tanmia_course --no-fuzzy-matching --ignore-obsolete --width 100
	$(BIN)/pybabel compile -d $(LOCALE) -D tanmia_course --statistics

# The offline kit's tools: uv (resolution for each target computer) and a recent pip.
$(VENV)/.installe-kit: pyproject.toml $(VENV)/.installe-lab | $(PY)
	$(PY) -m pip install --quiet -e ".[kit]"
	touch $@

## Préparer le kit d'installation sans Internet (clé USB) dans KIT (par défaut : kit-hors-ligne),
## pour Windows, macOS et Linux et Python 3.11 à 3.15 ; avec Internet. SYSTEMES="windows" ou
## PYTHONS="3.12 3.13" le limitent ; relancé sur un kit, le met à jour.
KIT ?= kit-hors-ligne
kit: $(VENV)/.installe-kit
	$(BIN)/tanmia-course kit-hors-ligne "$(KIT)" $(if $(SYSTEMES),--systemes $(SYSTEMES)) $(if $(PYTHONS),--pythons $(PYTHONS))

## Lancer tous les tests : style (ruff), tests du paquet, doctests, nbval sur tous les notebooks
## et, si Chromium est installé, les carnets ouverts dans JupyterLab et Voilà (tests/browser).
test: $(VENV)/.installe-test hub lint
ifeq ($(CHROMIUM),)
	@echo "Chromium est absent : les tests dans le navigateur (tests/browser) sont ignorés. Installez-le (apt-get install chromium), ou lancez « make test-browser » pour les exiger."
endif
	$(BIN)/pytest

## Seulement les tests dans un vrai navigateur (JupyterLab et Voilà dans Chromium headless) ;
## échoue si Chromium manque. Captures d'écran dans captures/.
test-browser: $(VENV)/.installe-test
	@test -n "$(CHROMIUM)" || { echo "Chromium est introuvable : installez-le (apt-get install chromium) pour lancer les tests dans le navigateur."; exit 1; }
	TANMIA_NAVIGATEUR=obligatoire $(BIN)/pytest tests/browser

## Entrées hostiles, en grand : 5 000 fichiers de contenu cassés et 5 000 fichiers de travaux
## cassés (générés par hypothesis), 100 processus tués pendant un enregistrement ; compte de
## chaque issue et mémoire maximale. make test en fait une version courte.
fuzz: $(VENV)/.installe-test
	TANMIA_FUZZ_EXAMPLES=5000 $(BIN)/pytest -p no:randomly tests/fuzz --hypothesis-show-statistics -q -s
	TANMIA_FUZZ_KILLS=100 $(BIN)/pytest -p no:randomly tests/test_store.py -k killing -q

## Style (ruff) and the house's import rules (import-linter, [tool.importlinter] in pyproject.toml).
lint: $(VENV)/.installe-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installe-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Régénérer exercises/ depuis solutions/, puis réexécuter les notebooks (sorties vérifiées).
exercices: $(VENV)/.installe-test
	$(BIN)/tanmia-course exercices

sorties: exercices
	$(BIN)/tanmia-course sorties

## Mesures de vitesse, telles qu'un utilisateur les ressent (latence des widgets dans Chromium,
## lecture d'une classe, import, carnets, 25 participants qui se connectent ensemble à l'atelier) :
## des rapports contre une référence mesurée dans la même exécution, puis un tableau. Voir
## bench/README.md.
bench: $(VENV)/.installe-test hub
	@$(PY) -m compileall -q tanmia_course
	$(PY) bench/_all.py

clean:
	rm -rf $(VENV) build dist *.egg-info
