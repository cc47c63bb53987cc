# Two commands on a fresh machine:
#   make run   - set up .venv (first time) and evaluate the offline systems on the default reference set (de-en),
#                sentence by sentence and paragraph by paragraph, and on the English->Spanish set (identity,
#                reference, Apertium)
#   make test  - set up .venv (first time) and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# A CPU build of torch; override (e.g. TORCH_SPEC=torch) on machines with a GPU.
TORCH_SPEC ?= torch==2.13.0
STAMP := $(VENV)/.installed
# Debian packages: the Ding German-English dictionary (alignment, dictionary system), Chromium (report test),
# groff (typesets the PDFs the PDF-reader tests read) and qpdf (an encrypted PDF for a reader test);
# apertium + apertium-eng-spa: the offline rule-based MT system (system=apertium);
# pdflatex with booktabs (the test that compiles leaderboard.tex as a paper would).
APT_PACKAGES ?= trans-de-en chromium fonts-dejavu-core groff qpdf perl ghostscript apertium apertium-eng-spa texlive-latex-base texlive-latex-recommended
# The offline systems: dictionary joins when the Ding dictionary is installed.
comma := ,
SYSTEMS ?= identity,reference$(if $(wildcard /usr/share/trans/de-en),$(comma)dictionary)
# The English->Spanish set (debian_reference_ch04): the dictionary-free systems, and Apertium when installed.
SYSTEMS_ENES ?= identity,reference$(if $(wildcard /usr/share/apertium/modes/eng-spa.mode),$(comma)apertium)

# make test SLURM=0: do not start the one-node SLURM cluster (.ci/slurm); the SLURM sweep tests then skip, even
# where another run's cluster is up (MT_HARNESS_SLURM=off: a second suite must not take that cluster's node).
SLURM ?= 1

.PHONY: run test setup system-deps clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip "setuptools<81" wheel
	$(PY) -m pip install --quiet "$(TORCH_SPEC)"
	$(PY) -m pip install --quiet -e ".[all,test]"
	touch $(STAMP)

system-deps:
	@bash .ci/system-deps $(APT_PACKAGES)

run: $(STAMP) system-deps
	$(PY) -m harness -m system=$(SYSTEMS) report.baseline=identity
	$(PY) -m harness -m system=$(SYSTEMS) unit=paragraph report.baseline=identity
	$(PY) -m harness -m system=$(SYSTEMS_ENES) reference=debian_reference_ch04 report.baseline=identity

# As root, .ci/slurm starts a one-node SLURM cluster for the sweep test around pytest and stops it after.
test: $(STAMP) system-deps
	$(if $(filter 1,$(SLURM)),bash .ci/slurm run ,MT_HARNESS_SLURM=off )$(PY) -m pytest

clean:
	rm -rf $(VENV) .pytest_cache
