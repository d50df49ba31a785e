# Makefile — the two commands of the README, and a few more.
# Copyright 2026 The Lifeline authors
# SPDX-License-Identifier: GPL-3.0-or-later

BUILDDIR ?= _build
MESON_ARGS ?= -Ddevelopment=true
MESON_TEST_ARGS ?=

.PHONY: all deps setup build run check flatpak pot screenshots clean

all: build

deps:
	@build-aux/install-deps.sh

$(BUILDDIR)/build.ninja:
	meson setup $(BUILDDIR) $(MESON_ARGS)

setup: deps $(BUILDDIR)/build.ninja

build: setup
	meson compile -C $(BUILDDIR)

run: build
	meson devenv -C $(BUILDDIR) $(CURDIR)/$(BUILDDIR)/app/lifeline

check: build
	build-aux/test-session.sh meson test -C $(BUILDDIR) --print-errorlogs $(MESON_TEST_ARGS)

pot: setup
	meson compile -C $(BUILDDIR) lifeline-pot

flatpak:
	flatpak-builder --user --force-clean --install-deps-from=flathub \
	  $(BUILDDIR)/flatpak-build flatpak/io.github.lifeline.Lifeline.Devel.json

# The real window in scripted states (no network), rendered by GTK under Xvfb.
screenshots: build
	build-aux/test-session.sh env GSETTINGS_SCHEMA_DIR=$(BUILDDIR)/data GSK_RENDERER=cairo \
	  GDK_BACKEND=x11 GTK_A11Y=none LC_ALL=C.UTF-8 \
	  $(BUILDDIR)/tests/lf-screenshots data/screenshots

clean:
	rm -rf $(BUILDDIR)
