# Makefile — the two commands of the README, and a few more.
# Copyright 2026 The Lifeline authors
# SPDX-License-Identifier: GPL-3.0-or-later

BUILDDIR ?= _build
MESON_ARGS ?= -Ddevelopment=true
MESON_TEST_ARGS ?=

SANITIZE_BUILDDIR ?= _build-sanitize

.PHONY: all deps setup build run check check-sanitize fuzz flatpak pot screenshots clean

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

# The whole suite built with AddressSanitizer and UndefinedBehaviorSanitizer (by hand, not in
# CI: it takes several times as long). Any report fails the test that caused it. Leak checking
# is still off by default (SANITIZE_LEAKS=1 turns it on): stacks are then unwound in full
# (fast_unwind_on_malloc=0, Debian's libraries have no frame pointers) so that
# build-aux/lsan.supp can name the third-party function of each leak that is not ours; see
# docs/HACKING.md for what a full run still reports. libproxy (C++) is kept out of the tests'
# processes: its exceptions trip ASan's __cxa_throw interceptor in a C program.
SANITIZE_LEAKS ?= 0
check-sanitize:
	@test -f $(SANITIZE_BUILDDIR)/build.ninja || meson setup $(SANITIZE_BUILDDIR) $(MESON_ARGS) \
	  -Db_sanitize=address,undefined -Db_lundef=false
	meson compile -C $(SANITIZE_BUILDDIR)
	ASAN_OPTIONS=abort_on_error=1:detect_leaks=$(SANITIZE_LEAKS):strict_string_checks=1:detect_stack_use_after_return=1:fast_unwind_on_malloc=$(if $(filter 1,$(SANITIZE_LEAKS)),0,1) \
	LSAN_OPTIONS=suppressions=$(CURDIR)/build-aux/lsan.supp:print_suppressions=0 \
	GIO_USE_PROXY_RESOLVER=dummy \
	UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1 \
	G_SLICE=always-malloc \
	  build-aux/test-session.sh meson test -C $(SANITIZE_BUILDDIR) --print-errorlogs \
	  --timeout-multiplier 4 $(MESON_TEST_ARGS)

# libFuzzer targets (clang): each parser for FUZZ_SECONDS over its corpus.
FUZZ_BUILDDIR ?= _build-fuzz
FUZZ_SECONDS ?= 60
fuzz:
	@test -f $(FUZZ_BUILDDIR)/build.ninja || CC=clang meson setup $(FUZZ_BUILDDIR) \
	  -Ddevelopment=true -Dfuzzing=true
	meson compile -C $(FUZZ_BUILDDIR)
	for t in json import catalog status drill contact; do \
	  mkdir -p $(FUZZ_BUILDDIR)/corpus-$$t && \
	  $(FUZZ_BUILDDIR)/tests/fuzz/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
	    $(FUZZ_BUILDDIR)/corpus-$$t tests/fuzz/corpus/$$t || exit 1; \
	done

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
