#!/usr/bin/python3
# bench-server.py — a loopback HTTP server for tests/bench/bench-check.sh
#
# Copyright 2026 The Lifeline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Answers every GET/HEAD with 200 and a small body after a fixed delay, on an asyncio event
# loop (so N slow requests wait in parallel, as N real servers would). Listens on PORTS
# loopback ports (default 1: one host for every target; N: one per target, as platforms are
# on different hosts), prints them on one line, then serves until killed.
#
#   bench-server.py DELAY_MS [PORTS]

import asyncio
import sys

DELAY = int(sys.argv[1]) / 1000.0 if len(sys.argv) > 1 else 0.1
PORTS = int(sys.argv[2]) if len(sys.argv) > 2 else 1
BODY = b"ok\n"


async def handle(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            method = head.split(b" ", 1)[0]
            await asyncio.sleep(DELAY)
            response = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                        b"Content-Length: %d\r\n\r\n" % len(BODY))
            if method != b"HEAD":
                response += BODY
            writer.write(response)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def main():
    servers = [await asyncio.start_server(handle, "127.0.0.1", 0, backlog=4096)
               for _ in range(PORTS)]
    print(" ".join(str(s.sockets[0].getsockname()[1]) for s in servers), flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


asyncio.run(main())
