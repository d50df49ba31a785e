#!/usr/bin/python3
# bench-server.py — a loopback HTTP server for tests/bench/bench-check.sh
#
# Copyright 2026 The Lifeline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Answers every GET/HEAD with 200 and a small body after a fixed delay, on an asyncio event
# loop (so N slow requests wait in parallel, as N real servers would). Prints its port on
# stdout, then serves until killed.
#
#   bench-server.py DELAY_MS

import asyncio
import sys

DELAY = int(sys.argv[1]) / 1000.0 if len(sys.argv) > 1 else 0.1
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
    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=4096)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
