#!/usr/bin/python3
# test-a11y.py — what a screen reader meets: walk the accessible tree (AT-SPI, as Orca sees it)
# of every page, the composer, Preferences (with the status-page adder's result rows), the
# "Link Clients to a Platform" dialog and the shortcuts window, and fail on any operable
# control whose name is empty, a class name, carries a mnemonic underscore or repeats itself.
#
# Copyright 2026 The Lifeline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by meson inside build-aux/test-session.sh (Xvfb, private session bus): the accessibility
# bus is activated on demand (at-spi2-core). Usage: test-a11y.py PATH/TO/lf-a11y-driver
# Output is TAP: one test per screen.

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import gi
    gi.require_version('Atspi', '2.0')
    import pyatspi
except (ImportError, ValueError) as e:
    print('Bail out! python3-pyatspi and gir1.2-atspi-2.0 are needed: %s' % e)
    sys.exit(1)

SCREENS = ['onboarding', 'health', 'detail', 'checklist', 'clients', 'notices', 'composer',
           'preferences', 'drill', 'link', 'status-adder']
# Screens in a window of their own (checked alone), and names that must be there: proof that
# the walk reached what the screen is about (the clients to tick; the status page found).
OWN_WINDOW = ('composer', 'preferences', 'link', 'status-adder')
EXPECTED = {
    'drill': ['Pause Drill', 'Stop Drill'],
    'link': ['Ada Lovelace', 'Grace Hopper', 'Link'],
    'status-adder': ['Instatus', 'Name', 'Address to Check', 'Add Platform'],
}

# What a person operates: a screen reader announces these by their name.
OPERABLE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_CHECK_MENU_ITEM,
    pyatspi.ROLE_RADIO_MENU_ITEM, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_SLIDER, pyatspi.ROLE_ENTRY, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_LINK,
    pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_ROW,
}
if hasattr(pyatspi, 'ROLE_SWITCH'):
    OPERABLE.add(pyatspi.ROLE_SWITCH)

# Text fields are named by their label, but an entry's *text* is its value: only check the name.
CLASS_NAME = re.compile(r'^(Gtk|Adw|Lf|Gdk)[A-Z][A-Za-z]*$')
# "_Send", "Check _Again": an underscore that starts a word or sits inside one.
MNEMONIC = re.compile(r'(^|[\s(\u201c"])_[^\W_]|[^\W_]_[^\W_]')


def repeats(name):
    """"Send Send", "Check Again Check Again", "HTTP status: 500 HTTP status": a name that says
    its label twice (GTK 4.8 adds a button's or a row's label to the name given)."""
    tokens = [t for t in (w.strip(':,.;…·—()“”"').lower() for w in name.replace('_', '').split())
              if t]
    n = len(tokens)
    for k in range(1, n // 2 + 1):
        if tokens[:k] == tokens[n - k:]:
            return True
    for k in range(3, n // 2 + 1):
        seen = set()
        for i in range(n - k + 1):
            run = tuple(tokens[i:i + k])
            if run in seen:
                return True
            seen.add(run)
    return False


def problem_of(name):
    """Returns what is wrong with an accessible name, or None."""
    stripped = (name or '').strip()
    if not stripped:
        return 'has no name'
    if CLASS_NAME.match(stripped):
        return 'is named by its class'
    words = [w for w in stripped.split() if '@' not in w and '/' not in w]
    if MNEMONIC.search(' '.join(words)):
        return 'keeps a mnemonic underscore'
    if repeats(stripped):
        return 'repeats itself'
    return None


def safe(call, default=None):
    try:
        return call()
    except Exception:  # an object that went away while walking
        return default


def walk(acc, path, found, depth=0, row=None):
    if acc is None or depth > 80:
        return
    states = safe(lambda: acc.getState())
    if states is None:
        return
    # GTK 4.8 reports no "showing" below the window; "visible" is what it offers (a stack's
    # other pages stay visible: they are walked too, which only makes the walk wider).
    if not states.contains(pyatspi.STATE_VISIBLE) and depth > 0:
        return
    role = safe(lambda: acc.getRole())
    name = safe(lambda: acc.name, '')
    # An editable text (the field of an AdwEntryRow: "Name", "Address to Check") is operated
    # like an entry.
    if role == pyatspi.ROLE_TEXT and states.contains(pyatspi.STATE_EDITABLE):
        role = pyatspi.ROLE_ENTRY
    here = path + ['%s “%s”' % (safe(lambda: acc.getRoleName(), '?'), name)]
    if role in OPERABLE and states.contains(pyatspi.STATE_VISIBLE):
        found.append((acc, role, name, here, row))
    if role in (pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_ROW):
        row = tuple(here)
    for i in range(safe(lambda: acc.childCount, 0)):
        walk(safe(lambda: acc.getChildAtIndex(i)), here, found, depth + 1, row)


def unspecific(found):
    """Controls that repeat on every row of a list with the same name ("Copy E-mail Address"
    on each client): the name must say whose."""
    rows_of = {}
    for acc, role, name, path, row in found:
        if row is not None and role not in (pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_ROW):
            # rows of the same list (the row's path without the row)
            rows_of.setdefault((role, name, row[:-1]), set()).add(row)
    return {(role, name) for (role, name, _), rows in rows_of.items() if len(rows) > 1}


def find_app(pid, timeout=30):
    deadline = time.time() + timeout
    desktop = pyatspi.Registry.getDesktop(0)
    while time.time() < deadline:
        for i in range(safe(lambda: desktop.childCount, 0)):
            app = safe(lambda: desktop.getChildAtIndex(i))
            if app is not None and safe(lambda: app.get_process_id()) == pid:
                return app
        time.sleep(0.2)
    return None


def active_windows(app):
    """The application's windows that are showing; the dialog on top last."""
    windows = []
    for i in range(safe(lambda: app.childCount, 0)):
        w = safe(lambda: app.getChildAtIndex(i))
        st = safe(lambda: w.getState())
        if w is not None and st is not None and st.contains(pyatspi.STATE_SHOWING):
            windows.append(w)
    return windows


def main():
    if len(sys.argv) != 2:
        print('usage: test-a11y.py LF-A11Y-DRIVER', file=sys.stderr)
        return 2

    home = tempfile.mkdtemp(prefix='lifeline-a11y-')
    env = dict(os.environ)
    for var in ('NO_AT_BRIDGE', 'GTK_A11Y'):
        env.pop(var, None)
    env.update({'HOME': home, 'XDG_CONFIG_HOME': os.path.join(home, 'config'),
                'XDG_CACHE_HOME': os.path.join(home, 'cache'),
                'XDG_STATE_HOME': os.path.join(home, 'state')})
    # The accessibility bus and its registry are started on demand by the session bus; ask for
    # the address once so that GTK finds them when it starts.
    os.environ.pop('NO_AT_BRIDGE', None)

    driver = subprocess.Popen([sys.argv[1]], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              env=env, text=True, bufsize=1)
    failures_total = 0
    checked_total = 0
    reported = set()
    try:
        line = driver.stdout.readline().strip()
        if line != 'started':
            print('Bail out! the driver did not start (%r)' % line)
            return 1
        app = find_app(driver.pid)
        if app is None:
            print('Bail out! the application is not on the accessibility bus')
            return 1

        def ask(command):
            driver.stdin.write(command + '\n')
            driver.stdin.flush()
            return driver.stdout.readline().strip() == 'ready ' + command

        def check_names(screen):
            nonlocal checked_total
            found = []
            windows = active_windows(app)
            # Dialogs (composer, Preferences, the link dialog) are checked on their own.
            targets = windows[-1:] if screen in OWN_WINDOW else windows[:1]
            for w in targets:
                walk(w, [], found)
            bad = []
            repeated = unspecific(found)
            for acc, role, name, path, row in found:
                problem = problem_of(name)
                if problem is None and (role, name) in repeated:
                    problem = 'repeats on every row without saying whose'
                # A window keeps the pages shown before: report each control once.
                key = (role, name, tuple(path))
                if problem is not None and key not in reported:
                    reported.add(key)
                    bad.append('%s “%s” %s\n#     at %s'
                               % (safe(lambda: acc.getRoleName(), '?'), name, problem,
                                  ' › '.join(path[-5:-1])))
            # "Recent changes" say when: a time in each item's name
            for acc, role, name, path, row in found:
                if role == pyatspi.ROLE_LIST_ITEM and any('“Recent changes”' in p for p in path) \
                        and not re.search(r'\d:\d\d', name or '') \
                        and 'No changes' not in (name or ''):
                    key = (role, name, tuple(path))
                    if key not in reported:
                        reported.add(key)
                        bad.append('list item “%s” of Recent changes says no time' % name)
            # What the screen is about was walked: each expected name starts a control's name.
            for wanted in EXPECTED.get(screen, []):
                if not any((name or '').startswith(wanted) for _, _, name, _, _ in found):
                    bad.append('no operable control named “%s…” was reached' % wanted)
            checked_total += len(found)
            if os.environ.get('LIFELINE_A11Y_DUMP'):
                for acc, role, name, path, row in found:
                    print('#   [%s] %s' % (safe(lambda: acc.getRoleName(), '?'), name))
            if not found:
                return 'no operable control found', []
            if bad:
                return '%d of %d operable controls badly named' % (len(bad), len(found)), bad
            return None, ['%d operable controls, all named' % len(found)]

        def focused_name():
            found = []
            for w in active_windows(app)[:1]:
                walk(w, [], found)
            for acc, role, name, path, row in found:
                st = safe(lambda: acc.getState())
                if st is not None and st.contains(pyatspi.STATE_FOCUSED):
                    return name
            return None

        def selected_tab():
            found = []
            for w in active_windows(app)[:1]:
                walk(w, [], found)
            for acc, role, name, path, row in found:
                st = safe(lambda: acc.getState())
                if role == pyatspi.ROLE_PAGE_TAB and st is not None \
                        and st.contains(pyatspi.STATE_SELECTED):
                    return name
            return None

        def press(keys):
            """Real key presses (XTest) into the main window, as a person types them."""
            ids = subprocess.run(['xdotool', 'search', '--sync', '--onlyvisible', '--name',
                                  '^Lifeline$'], check=True, timeout=20, text=True,
                                 capture_output=True).stdout.split()
            subprocess.run(['xdotool', 'windowfocus', '--sync', ids[0], 'key',
                            '--clearmodifiers'] + keys.split(), check=True, timeout=20)

        def wait_for(predicate, timeout=5):
            deadline = time.time() + timeout
            while time.time() < deadline:
                value = predicate()
                if value:
                    return value
                time.sleep(0.1)
            return predicate()

        def keys_picker():
            if not ask('focus-picker'):
                return 'the driver did not focus the picker', []
            start = focused_name()
            moves = []
            for key in ('Down', 'Down', 'Up'):
                before = moves[-1] if moves else start
                press(key)
                moves.append(wait_for(lambda: focused_name() if focused_name() != before
                                      else None) or focused_name())
            detail = ['focus: %s → Down → %s → Down → %s → Up → %s' % tuple([start] + moves)]
            down1, down2, up = moves
            if start != 'Upwork' or None in moves or len({start, down1, down2}) != 3 \
                    or up != down1:
                return 'Up and Down do not move between the platforms', detail
            return None, detail

        def keys_pages():
            seen = []
            for number, tab in (('3', 'Clients'), ('4', 'Notices'), ('2', 'Checklist'),
                                ('1', 'Health')):
                press('alt+' + number)
                seen.append(wait_for(lambda: selected_tab() if selected_tab() == tab else None)
                            or selected_tab())
            detail = ['Alt+3, 4, 2, 1 showed: %s' % ', '.join(str(t) for t in seen)]
            if seen != ['Clients', 'Notices', 'Checklist', 'Health']:
                return 'Alt+1…4 do not switch pages', detail
            return None, detail

        def shortcuts_listed():
            if not ask('shortcuts'):
                return 'the shortcuts window did not open', []
            texts = []

            def collect(acc, depth=0):
                if acc is None or depth > 60:
                    return
                if safe(lambda: acc.getRole()) == pyatspi.ROLE_LABEL:
                    texts.append(safe(lambda: acc.name, ''))
                for i in range(safe(lambda: acc.childCount, 0)):
                    collect(safe(lambda: acc.getChildAtIndex(i)), depth + 1)
            for w in active_windows(app)[-1:]:
                collect(w)
            wanted = ['Notify Clients', 'Open Checklist', 'Start Incident', 'Health', 'Checklist',
                      'Clients', 'Notices', 'Check Now', 'Send Notice']
            missing = [t for t in wanted if t not in texts]
            if missing:
                return 'the shortcuts window lacks %s' % ', '.join(missing), []
            return None, ['lists %s' % ', '.join(wanted)]

        plan = [('onboarding', None), ('keys-picker', keys_picker)] \
            + [(screen, None) for screen in SCREENS[1:]] \
            + [('keys-pages', keys_pages), ('shortcuts', shortcuts_listed)]
        print('1..%d' % len(plan))
        for number, (name, check) in enumerate(plan, 1):
            if check is None:
                if not ask(name):
                    print('not ok %d - %s # the driver did not show it' % (number, name))
                    failures_total += 1
                    continue
                problem, lines = check_names(name)
            else:
                if name == 'keys-pages' and not ask('health'):
                    print('not ok %d - %s # the driver did not show Health' % (number, name))
                    failures_total += 1
                    continue
                problem, lines = check()
            if problem is None:
                print('ok %d - %s: %s' % (number, name, '; '.join(lines)))
            else:
                failures_total += 1
                print('not ok %d - %s: %s' % (number, name, problem))
                for line in lines:
                    print('#   ' + line)
        driver.stdin.write('quit\n')
        driver.stdin.flush()
        print('# %d operable controls checked' % checked_total)
    finally:
        try:
            driver.wait(timeout=20)
        except subprocess.TimeoutExpired:
            driver.kill()
            driver.wait()
        shutil.rmtree(home, ignore_errors=True)
    return 1 if failures_total else 0


if __name__ == '__main__':
    sys.exit(main())
