#!/usr/bin/env python3
"""Holds COUNT idle Server-Sent Event streams open against Warden (benchmarks/run-sse-idle.sh).

    sse_idle.py HOST PORT TOKEN COUNT READY_FILE

Opens the streams (200 at a time), writes "open N refused M" to READY_FILE once every attempt has
an answer, then reads (and drops) whatever arrives — heartbeats — until it is killed. One process,
one event loop: the client side costs little next to the server's."""
import asyncio
import sys

HOST, PORT, TOKEN, COUNT, READY = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
REQUEST = (
    f"GET /api/me/events HTTP/1.1\r\nHost: {HOST}:{PORT}\r\nAccept: text/event-stream\r\n"
    f"Authorization: Bearer {TOKEN}\r\n\r\n"
).encode()


async def hold(gate, opened, refused, streams):
    async with gate:
        try:
            reader, writer = await asyncio.open_connection(HOST, PORT)
            writer.write(REQUEST)
            await writer.drain()
            status = await reader.readline()
        except OSError:
            refused.append(1)
            return
        if b" 200 " not in status:
            refused.append(status)
            writer.close()
            return
        opened.append(1)
    streams.append(writer)
    try:
        while await reader.read(4096):
            pass
    except OSError:
        pass


async def main():
    gate = asyncio.Semaphore(200)
    opened, refused, streams = [], [], []
    tasks = [asyncio.create_task(hold(gate, opened, refused, streams)) for _ in range(COUNT)]
    while len(opened) + len(refused) < COUNT:
        await asyncio.sleep(0.2)
    with open(READY, "w") as ready:
        ready.write(f"open {len(opened)} refused {len(refused)}\n")
    if refused:
        print(f"first refusal: {refused[0]!r}", file=sys.stderr)
    await asyncio.gather(*tasks)


asyncio.run(main())
