#!/usr/bin/python3
# smtp-server.py — a real SMTP server for the tests (Debian's python3-aiosmtpd).
#
# Listens on 127.0.0.1 (port 0 picks a free one), prints "READY <port>" on stdout, and writes
# every message it accepts to DIR/<n>.json as
#   {"mail_from": …, "rcpt_tos": […], "data": "<the message as received>", "auth": "<user>"}
# Options: --starttls CERT KEY (STARTTLS offered and required), --tls CERT KEY (implicit TLS,
# as on port 465), --auth USER PASSWORD
# (AUTH PLAIN/LOGIN required, only that pair accepted). Stops on SIGTERM or when stdin closes.
# Copyright 2026 The Lifeline authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import json
import os
import signal
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        record = {
            'mail_from': envelope.mail_from,
            'rcpt_tos': envelope.rcpt_tos,
            'data': envelope.content.decode('utf-8', errors='replace'),
            'auth': session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
        }
        tmp = os.path.join(self.directory, f'.{n}.json.tmp')
        with open(tmp, 'w', encoding='utf-8') as f:
            json.dump(record, f)
        os.rename(tmp, os.path.join(self.directory, f'{n}.json'))
        return '250 Message accepted for delivery'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('directory')
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--starttls', nargs=2, metavar=('CERT', 'KEY'))
    parser.add_argument('--tls', nargs=2, metavar=('CERT', 'KEY'))
    parser.add_argument('--auth', nargs=2, metavar=('USER', 'PASSWORD'))
    args = parser.parse_args()

    port = args.port
    if port == 0:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(('127.0.0.1', 0))
            port = s.getsockname()[1]

    kwargs = {}
    implicit = None
    if args.tls:
        implicit = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        implicit.load_cert_chain(args.tls[0], args.tls[1])
    if args.starttls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.starttls[0], args.starttls[1])
        kwargs['tls_context'] = context
        kwargs['require_starttls'] = True
    if args.auth:
        user, password = args.auth[0].encode(), args.auth[1].encode()

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user
                  and auth_data.password == password)
            return AuthResult(success=ok, handled=False, auth_data=auth_data)

        kwargs['authenticator'] = authenticator
        kwargs['auth_required'] = True
        # aiosmtpd only counts STARTTLS as TLS here; with --tls the socket is TLS already.
        kwargs['auth_require_tls'] = bool(args.starttls)

    controller = Controller(Handler(args.directory), hostname='127.0.0.1', port=port,
                            ssl_context=implicit, server_kwargs=kwargs, ready_timeout=10)
    controller.start()
    print(f'READY {port}', flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    controller.stop()


if __name__ == '__main__':
    main()
