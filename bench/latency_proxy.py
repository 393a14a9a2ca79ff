#!/usr/bin/env python3
"""A TCP proxy that adds a fixed one-way delay to both directions, for bench/latency.sh.

    latency_proxy.py proxy LISTEN_PORT UPSTREAM_PORT DELAY_MS   forward 127.0.0.1:LISTEN_PORT to
        127.0.0.1:UPSTREAM_PORT, every chunk read from either side written to the other DELAY_MS
        milliseconds after it was read (0.5 each way: a 1 ms round trip)
    latency_proxy.py probe PORT [COUNT [INTERVAL_MS]]   EHLO to an SMTP server on 127.0.0.1:PORT,
        then COUNT NOOPs (default 200) INTERVAL_MS apart (default 0): prints "pipelining yes|no"
        and the median and 90th percentile of the NOOP round trips in ms (on SIGTERM: of those so far)

Each chunk is delivered at its arrival time plus the delay (one timer per direction, a queue of
timestamped chunks), so the delay does not cap the throughput and each direction keeps its order;
whatever is due when the timer fires goes out in one write. The event loop waits with select(),
whose timeout is in microseconds (epoll's and poll()'s are in milliseconds, rounded up, which
would make a 0.5 ms delay 1 ms), with the timer slack set to 1 ns; still the timers fire late by
some 0.1 to 0.3 ms (waking up, Python), which bench/latency.sh calibrates away. EOF and close are delayed like data. Flow control: when one side's
write buffer is full, reading from the other side pauses. Bandwidth is not limited.
On SIGUSR1 it prints to stderr the connections so far, the bytes and chunks (reads) each way and
its CPU time, and the round trips: the times a server spoke after its client had (per connection,
as the chunks were read); on SIGTERM or SIGINT the same, and it stops.
"""
import asyncio
import collections
import selectors
import signal
import socket
import statistics
import sys
import time

EOF = object()     # the source sent EOF: half-close this side once the data before it is out
CLOSE = object()   # the source is gone: close this side once the data before it is out

stats = {"connections": 0, "up_bytes": 0, "up_chunks": 0, "down_bytes": 0, "down_chunks": 0, "round_trips": 0}


class Side(asyncio.Protocol):
    """One socket of a proxied connection; it writes, delayed, what its peer reads."""

    def __init__(self, loop, delay, direction):
        self.loop = loop
        self.delay = delay
        self.direction = direction   # "up" for the side that writes to the server, "down" to the client
        self.peer = None
        self.transport = None
        self.turn = None   # shared by both sides of a connection: [direction of the last chunk read]
        self.queue = collections.deque()   # (due, bytes or EOF or CLOSE), due times in order
        self.timer = None
        self.read_eof = False    # this socket sent us EOF
        self.wrote_eof = False   # we sent this socket EOF

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        direction = self.peer.direction
        if direction == "down" and self.turn[0] == "up":
            stats["round_trips"] += 1   # the server answers what the client sent since the server last spoke
        self.turn[0] = direction
        self.peer.enqueue(data)

    def eof_received(self):
        self.read_eof = True
        self.peer.enqueue(EOF)
        if self.wrote_eof:
            self.transport.close()
        return True   # keep the other direction open

    def connection_lost(self, exc):
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        self.queue.clear()
        if self.peer is not None:
            self.peer.enqueue(CLOSE)

    def pause_writing(self):
        if self.peer.transport is not None:
            self.peer.transport.pause_reading()

    def resume_writing(self):
        if self.peer.transport is not None and not self.peer.transport.is_closing():
            self.peer.transport.resume_reading()

    def enqueue(self, item):
        if self.transport is None or self.transport.is_closing():
            return
        if item is not EOF and item is not CLOSE:
            stats[self.direction + "_bytes"] += len(item)
            stats[self.direction + "_chunks"] += 1
        due = self.loop.time() + self.delay
        self.queue.append((due, item))
        if self.timer is None:
            self.timer = self.loop.call_at(due, self.flush)

    def flush(self):
        self.timer = None
        now = self.loop.time()
        out = []
        while self.queue and self.queue[0][0] <= now:
            item = self.queue.popleft()[1]
            if item is EOF or item is CLOSE:
                if out:
                    self.transport.write(b"".join(out))
                    out = []
                if item is EOF and self.transport.can_write_eof() and not self.read_eof:
                    try:
                        self.transport.write_eof()
                        self.wrote_eof = True
                    except OSError:   # the socket was reset meanwhile
                        self.transport.close()
                        self.queue.clear()
                        return
                else:   # closed, or EOF both ways
                    self.transport.close()
                    self.queue.clear()
                    return
            else:
                out.append(item)
        if out:
            self.transport.write(b"".join(out) if len(out) > 1 else out[0])
        if self.queue:
            self.timer = self.loop.call_at(self.queue[0][0], self.flush)


class ClientSide(Side):
    def __init__(self, loop, delay, upstream_port):
        super().__init__(loop, delay, "down")
        self.upstream_port = upstream_port

    def connection_made(self, transport):
        super().connection_made(transport)
        stats["connections"] += 1
        transport.pause_reading()   # until the server side is connected
        self.loop.create_task(self.connect())

    async def connect(self):
        upstream = Side(self.loop, self.delay, "up")
        upstream.peer, self.peer = self, upstream
        upstream.turn = self.turn = [None]
        try:
            await self.loop.create_connection(lambda: upstream, "127.0.0.1", self.upstream_port)
        except OSError as e:
            print(f"latency_proxy: cannot connect to 127.0.0.1:{self.upstream_port}: {e}", file=sys.stderr)
            self.transport.close()
            return
        if not self.transport.is_closing():
            self.transport.resume_reading()


def precise_timers():
    """Linux lets a timer fire up to 50 us late by default (timer slack); ask for 1 ns."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(29, 1, 0, 0, 0)   # PR_SET_TIMERSLACK
    except (OSError, AttributeError):
        pass


def proxy(listen_port, upstream_port, delay_ms):
    precise_timers()
    loop = asyncio.SelectorEventLoop(selectors.SelectSelector())
    asyncio.set_event_loop(loop)
    delay = delay_ms / 1000
    server = loop.run_until_complete(loop.create_server(
        lambda: ClientSide(loop, delay, upstream_port), "127.0.0.1", listen_port, backlog=1000))
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, loop.stop)
    loop.add_signal_handler(signal.SIGUSR1, report)
    print(f"latency_proxy: 127.0.0.1:{listen_port} -> 127.0.0.1:{upstream_port}, {delay_ms} ms each way", flush=True)
    loop.run_forever()
    server.close()
    report()


def report():
    print("latency_proxy: connections {connections} up_bytes {up_bytes} up_chunks {up_chunks} down_bytes {down_bytes} "
          "down_chunks {down_chunks} round_trips {round_trips} cpu_s {cpu:.3f}".format(cpu=time.process_time(), **stats), file=sys.stderr, flush=True)


def probe(port, count, interval):
    rtts = []

    def stop(signum, frame):
        raise InterruptedError

    signal.signal(signal.SIGTERM, stop)
    try:
        session(port, count, interval, rtts)
    except InterruptedError:
        pass
    rtts.sort()
    if rtts:
        print(f"rtt_ms median={statistics.median(rtts):.3f} p90={rtts[int(len(rtts) * 0.9)]:.3f} count={len(rtts)}", flush=True)


def session(port, count, interval, rtts):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        f = s.makefile("rb")

        def reply():
            lines = []
            while True:
                line = f.readline()
                if not line:
                    raise SystemExit("probe: the server closed the connection")
                lines.append(line.decode("ascii", "replace").rstrip("\r\n"))
                if len(line) < 4 or line[3:4] != b"-":
                    return lines

        reply()   # greeting
        s.sendall(b"EHLO probe.paperboy.test\r\n")
        ehlo = reply()
        if not ehlo[0].startswith("250"):
            raise SystemExit(f"probe: EHLO refused: {ehlo}")
        pipelining = any(line[4:].split(" ")[0].upper() == "PIPELINING" for line in ehlo[1:])
        print(f"pipelining {'yes' if pipelining else 'no'}", end=" ", flush=True)
        for _ in range(count):
            t0 = time.perf_counter()
            s.sendall(b"NOOP\r\n")
            reply()
            rtts.append((time.perf_counter() - t0) * 1000)
            if interval:
                time.sleep(interval)
        s.sendall(b"QUIT\r\n")
        reply()


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "proxy":
        proxy(int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
    elif 3 <= len(sys.argv) <= 5 and sys.argv[1] == "probe":
        probe(int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) >= 4 else 200,
              float(sys.argv[4]) / 1000 if len(sys.argv) == 5 else 0)
    else:
        sys.exit(__doc__)
