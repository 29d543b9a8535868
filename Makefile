# Two commands: `make run` and `make test`. Both set themselves up on a machine with only python3.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test lint format bench demo migrate screenshots clean

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt -c constraints.txt
	touch $(STAMP)

migrate: $(STAMP)
	$(BIN)/python manage.py migrate

run: $(STAMP)
	$(BIN)/python manage.py demo --if-empty
	$(BIN)/streamlit run serve.py --server.port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	$(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench

demo: $(STAMP)
	$(BIN)/python manage.py demo

screenshots: $(STAMP)
	SCREENSHOTS=1 $(BIN)/python -m pytest tests/e2e/test_every_page.py tests/e2e/test_thread.py tests/e2e/test_rounds.py tests/e2e/test_projector.py -p no:xdist

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
