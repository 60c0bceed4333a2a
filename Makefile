# tanmia-course — deux commandes : `make lab` (suivre le cours) et `make test` (tout vérifier).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

.PHONY: lab test lint format exercices sorties bench clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 ou plus récent est nécessaire (trouvé : " + sys.version.split()[0] + ").")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installe-lab: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[lab]"
	touch $@

$(VENV)/.installe-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

## Ouvrir le cours dans JupyterLab, sur le notebook d'accueil.
lab: $(VENV)/.installe-lab
	$(BIN)/jupyter lab notebooks/00_bienvenue.ipynb

## Lancer tous les tests : style (ruff), tests du paquet, doctests, et nbval sur tous les notebooks.
test: $(VENV)/.installe-test lint
	$(BIN)/pytest

lint: $(VENV)/.installe-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installe-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Régénérer exercises/ depuis solutions/, puis réexécuter les notebooks (sorties vérifiées).
exercices: $(VENV)/.installe-test
	$(BIN)/tanmia-course exercices

sorties: exercices
	$(BIN)/tanmia-course sorties

## Mesures de vitesse (rapports contre une référence mesurée dans la même exécution).
bench: $(VENV)/.installe-test
	$(PY) bench/import_time.py
	$(PY) bench/notebooks.py

clean:
	rm -rf $(VENV) build dist *.egg-info
