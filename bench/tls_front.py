#!/usr/bin/env python3
"""A TLS front for an SMTP server that has none (Postfix's smtp-sink), for bench/tls.sh and bench/latency.sh.

    tls_front.py starttls LISTEN_PORT UPSTREAM_PORT CERT_PEM KEY_PEM
        relays 127.0.0.1:LISTEN_PORT to 127.0.0.1:UPSTREAM_PORT; adds STARTTLS to the server's EHLO
        reply, answers STARTTLS itself (220) and from then on relays what TLS carries, as a relay on
        port 587 does (the client's EHLO after STARTTLS goes to the server, whose reply then has no STARTTLS);
        a client that sends MAIL without STARTTLS (smtp-source) is relayed as it is
    tls_front.py ssl LISTEN_PORT UPSTREAM_PORT CERT_PEM KEY_PEM
        TLS from the first byte, as on port 465
    tls_front.py plain LISTEN_PORT UPSTREAM_PORT CERT_PEM KEY_PEM
        no TLS: relays the bytes as they are, the same hop through the same event loop, so a
        plaintext reference pays what the front itself costs (bench/tls.sh's "front" runs)

One asyncio event loop (one core at most), OpenSSL through Python's ssl module. It prints its CPU
time to stderr on SIGUSR1 ("tls_front: cpu_s X") and on SIGTERM, so a benchmark can tell whether it
capped the figures.
"""
import asyncio
import signal
import socket
import ssl
import sys
import time


async def pipe(reader, writer, quickack=None):
    try:
        while True:
            if quickack is not None:
                quickack.setsockopt(socket.IPPROTO_TCP, QUICKACK, 1)
            data = await reader.read(1 << 16)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (ConnectionError, ssl.SSLError, OSError):
        pass
    finally:
        try:
            writer.close()
        except Exception:
            pass


async def reply(reader):
    """One SMTP reply, all its lines."""
    lines = []
    while True:
        line = await reader.readline()
        if not line:
            return b"".join(lines)
        lines.append(line)
        if len(line) < 4 or line[3:4] != b"-":
            return b"".join(lines)


# Linux's TCP_QUICKACK: the server (smtp-sink) writes each reply of a pipelined group on its own with
# Nagle's algorithm on, so it holds the second until the first is acknowledged; a delayed ACK here made
# that 40 ms a group. Paperboy asks for quick ACKs for the same reason (PipeliningTransport.quickAck);
# the front, the server's client here, must too, or it would measure its own stall. Not sticky: asked before each read.
QUICKACK = getattr(socket, "TCP_QUICKACK", 12)


def serve(mode, upstream, context):
    async def handle(client_r, client_w):
        try:
            server_r, server_w = await asyncio.open_connection("127.0.0.1", upstream)
        except OSError:
            client_w.close()
            return
        upstream_socket = server_w.get_extra_info("socket")
        upstream_socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        client_w.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            if mode == "plain":
                pass
            elif mode == "starttls":
                client_w.write(await reply(server_r))
                while True:
                    line = await client_r.readline()
                    if not line:
                        server_w.close()
                        client_w.close()
                        return
                    if line[:8].upper() == b"STARTTLS":
                        client_w.write(b"220 2.0.0 Ready to start TLS\r\n")
                        await client_w.drain()
                        await client_w.start_tls(context)
                        break
                    server_w.write(line)
                    if line[:4].upper() not in (b"EHLO", b"HELO", b"NOOP", b"RSET"):
                        break   # a client that does not start TLS (smtp-source): relayed as it is from here on
                    answer = await reply(server_r)
                    if line[:4].upper() == b"EHLO" and answer.startswith(b"250-"):
                        first, rest = answer.split(b"\r\n", 1)
                        answer = first + b"\r\n250-STARTTLS\r\n" + rest
                    elif line[:4].upper() == b"EHLO":
                        answer = b"250-" + answer[4:] + b"250 STARTTLS\r\n"
                    client_w.write(answer)
        except (ConnectionError, ssl.SSLError, OSError):
            server_w.close()
            client_w.close()
            return
        await asyncio.gather(pipe(client_r, server_w), pipe(server_r, client_w, upstream_socket))

    return handle


async def main(mode, listen, upstream, cert, key):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    loop = asyncio.get_running_loop()
    done = asyncio.Event()
    report = lambda: print("tls_front: cpu_s %.3f" % time.process_time(), file=sys.stderr, flush=True)
    loop.add_signal_handler(signal.SIGUSR1, report)
    loop.add_signal_handler(signal.SIGTERM, done.set)
    loop.add_signal_handler(signal.SIGINT, done.set)
    server = await asyncio.start_server(serve(mode, upstream, context), "127.0.0.1", listen,
                                        ssl=context if mode == "ssl" else None, backlog=100)
    async with server:
        await done.wait()
    report()


if __name__ == "__main__":
    if len(sys.argv) != 6 or sys.argv[1] not in ("starttls", "ssl", "plain"):
        sys.exit(__doc__)
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]))
