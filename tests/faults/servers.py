"""Stand-ins the fault tests run in their own process: a Redis proxy that can hang, and an SMTP sink."""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading

from .net import HOST, free_port


class RedisProxy:
    """A loopback TCP proxy in front of a Redis server. `hang()` makes it accept connections and read
    what clients send without ever answering (existing connections included); `recover()` forwards
    again on new connections."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.hung = threading.Event()
        self._stop = threading.Event()
        self._listener = socket.create_server((HOST, 0))
        self._listener.settimeout(0.2)
        self.port = int(self._listener.getsockname()[1])
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, name="redis-proxy", daemon=True)

    def url(self, db: int = 0) -> str:
        return f"redis://{HOST}:{self.port}/{db}"

    def start(self) -> RedisProxy:
        self._thread.start()
        return self

    def hang(self) -> None:
        self.hung.set()

    def recover(self) -> None:
        """Answer again: connections held while hung are closed (clients reconnect)."""
        self.hung.clear()
        self._close_all()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()
        self._close_all()

    def _close_all(self) -> None:
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.close()

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _address = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._track(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        if not self.hung.is_set():
            try:
                upstream = socket.create_connection((HOST, self.target_port), timeout=2)
            except OSError:
                client.close()
                return
            self._track(upstream)
            threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()
        self._pipe(client, upstream)

    def _pipe(self, source: socket.socket, target: socket.socket | None) -> None:
        """Copy source to target; while hung, read and drop (the sender waits for an answer in vain)."""
        try:
            source.settimeout(0.5)
            while not self._stop.is_set():
                try:
                    data = source.recv(65536)
                except TimeoutError:
                    continue
                if not data:
                    break
                if target is not None and not self.hung.is_set():
                    target.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                source.close()
            if target is not None:
                with contextlib.suppress(OSError):
                    target.close()


class SmtpSink:
    """A small SMTP server on 127.0.0.1:`port` that keeps every message it accepts (`messages`, the raw
    DATA of each). stop() closes the port (a mail server that is down); start() opens it again."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.messages: list[bytes] = []
        self._server: socketserver.ThreadingTCPServer | None = None

    def start(self) -> SmtpSink:
        sink = self

        class Conversation(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                self.wfile.write(b"220 sink ESMTP\r\n")
                while line := self.rfile.readline():
                    command = line.strip().upper()
                    if command == b"DATA":
                        self.wfile.write(b"354 end with a dot\r\n")
                        data = b""
                        while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                            data += chunk
                        sink.messages.append(data)
                        self.wfile.write(b"250 queued\r\n")
                    elif command == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:  # EHLO, MAIL, RCPT, RSET, NOOP
                        self.wfile.write(b"250 ok\r\n")

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self._server = socketserver.ThreadingTCPServer((HOST, self.port), Conversation)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
