#!/usr/bin/python3
# bench-tray.py — opening the window from the tray, end to end, against a cold start of the
# window's program alone (run by bench-background.sh, not a test)
# Copyright 2026 The Lifeline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   bench-tray.py APP_ID LIFELINE_GUI MONITOR_LOG RUNS
#
# The background monitor runs (with G_MESSAGES_DEBUG=lf-window, its output in MONITOR_LOG,
# which the window processes it starts inherit). RUNS times, interleaved:
#   tray:  StatusNotifierItem.Activate on the monitor, as a tray host sends it on a click
#          (over a connection opened beforehand, as a host's is), to the first frame the
#          window process it starts paints ("First frame painted at µs", lf-window.c); then
#          a second click closes the window and the process is waited for;
#   alone: LIFELINE_GUI started directly, as the monitor starts it (LIFELINE_WINDOW_ACTION),
#          to its first frame; then it is terminated.
# Prints "tray-ms alone-ms" per run.

import os
import re
import subprocess
import sys
import time

from gi.repository import Gio, GLib

FRAME = re.compile(rb'First frame painted at (\d+) ')


def frames(path):
    with open(path, 'rb') as f:
        return [int(m.group(1)) for m in FRAME.finditer(f.read())]


def wait_for(predicate, seconds=20, what=''):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.005)
    sys.exit('bench-tray.py: timed out waiting for ' + what)


def name_has_owner(bus, name):
    reply = bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                          'org.freedesktop.DBus', 'NameHasOwner', GLib.Variant('(s)', (name,)),
                          GLib.VariantType('(b)'), Gio.DBusCallFlags.NONE, -1, None)
    return reply.unpack()[0]


def click(bus, app_id):
    bus.call_sync(app_id, '/StatusNotifierItem', 'org.kde.StatusNotifierItem', 'Activate',
                  GLib.Variant('(ii)', (0, 0)), None, Gio.DBusCallFlags.NONE, -1, None)


def main():
    app_id, gui, log, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    window_name = app_id + '.Window'
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    alone_log = log + '.alone'
    env = dict(os.environ, LIFELINE_WINDOW_ACTION='show-window', G_MESSAGES_DEBUG='lf-window')

    for _ in range(runs):
        # the tray: a click on the icon starts the window process
        seen = len(frames(log))
        t0 = time.time_ns()
        click(bus, app_id)
        painted = wait_for(lambda: frames(log)[seen:], what='the first frame from the tray')[0]
        tray_ms = (painted * 1000 - t0) / 1e6
        wait_for(lambda: name_has_owner(bus, window_name), what='the window name')
        click(bus, app_id)  # a second click closes it; its process ends
        wait_for(lambda: not name_has_owner(bus, window_name), what='the window to close')
        time.sleep(0.5)

        # the window's program alone
        with open(alone_log, 'ab') as err:
            seen = len(frames(alone_log))
            t0 = time.time_ns()
            process = subprocess.Popen([gui], env=env, stdout=err, stderr=subprocess.STDOUT)
            painted = wait_for(lambda: frames(alone_log)[seen:], what='the first frame alone')[0]
            alone_ms = (painted * 1000 - t0) / 1e6
            process.terminate()
            process.wait()
        wait_for(lambda: not name_has_owner(bus, window_name), what='the window alone to end')
        time.sleep(0.5)

        print('%.1f %.1f' % (tray_ms, alone_ms), flush=True)


if __name__ == '__main__':
    main()
