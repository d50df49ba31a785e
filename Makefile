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

clean:
	rm -rf $(BUILDDIR)
