"""The loopback HTTP server both stand-ins build on: every connection tracked and closable.

The test suite fails a test that leaks a thread, and the app stops its embedded sandbox on
exit, so no connection thread may outlive ``close_all``; nothing is printed on stderr
(``errors`` keeps what a test should see).
"""

from __future__ import annotations

import contextlib
import itertools
import selectors
import socket
import socketserver
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class TrackedServer(ThreadingHTTPServer):
    """A threading HTTP server that knows its connections and stops without waiting."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = 64

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        errors: list[BaseException],
        name: str = "loopback",
    ) -> None:
        self.host = address[0]
        self.errors = errors
        self.stopping = threading.Event()
        self._name = name
        self._connections: dict[threading.Thread, socket.socket] = {}
        self._conn_lock = threading.Lock()
        self._counter = itertools.count(1)
        self._wake_r, self._wake_w = socket.socketpair()
        try:
            super().__init__(address, handler)
        except BaseException:
            self._wake_r.close()
            self._wake_w.close()
            raise

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks up the FQDN, which can take seconds on some hosts.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.host, self.server_address[1]

    def serve_until_stopped(self) -> None:
        """Accept until ``stop_serving``: woken at once by a socket pair, no polling."""
        with selectors.DefaultSelector() as selector:
            selector.register(self.socket, selectors.EVENT_READ)
            selector.register(self._wake_r, selectors.EVENT_READ)
            while not self.stopping.is_set():
                for key, _ in selector.select():
                    if key.fileobj is self._wake_r or self.stopping.is_set():
                        return
                    # socketserver's own one-request step: private, so not in typeshed
                    self._handle_request_noblock()  # type: ignore[attr-defined]

    def stop_serving(self) -> None:
        self.stopping.set()
        with contextlib.suppress(OSError):
            self._wake_w.send(b"x")

    def serve_in_background(self) -> None:
        """Accept connections on a thread of its own until ``stop``."""
        self._serve_thread = threading.Thread(
            target=self.serve_until_stopped, name=f"{self._name}-server", daemon=True
        )
        self._serve_thread.start()

    def stop(self) -> None:
        """Stop accepting, join the accepting thread, close every connection and join it."""
        self.stop_serving()
        thread = getattr(self, "_serve_thread", None)
        if thread is not None:
            thread.join()
        self.close_all()

    def close_all(self) -> None:
        """Close the listening socket and every connection, then join their threads."""
        self.stopping.set()
        self.server_close()
        self._wake_r.close()
        self._wake_w.close()
        with self._conn_lock:
            connections = list(self._connections.items())
            for _, sock in connections:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
        for thread, _ in connections:
            thread.join()

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self._serve_connection,
            args=(request, client_address),
            name=f"{self._name}-conn-{next(self._counter)}",
            daemon=True,
        )
        with self._conn_lock:
            if self.stopping.is_set():
                self.shutdown_request(request)
                return
            self._connections[thread] = request
        thread.start()

    def _serve_connection(self, request: socket.socket, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception as exc:
            self.errors.append(exc)
        finally:
            with self._conn_lock:
                self._connections.pop(threading.current_thread(), None)
                self.shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: nothing on stderr (the tests look at ``errors``)."""


class QuietHandler(BaseHTTPRequestHandler):
    """HTTP/1.1 keep-alive, no Nagle delay, silent, and calm when the client goes away."""

    protocol_version = "HTTP/1.1"
    sys_version = ""
    timeout = 30  # an idle keep-alive connection's thread ends after this

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def handle(self) -> None:
        try:
            super().handle()
        except OSError:  # the client went away, or close_all() closed the connection
            self.close_connection = True

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()

    def drop(self) -> None:
        """Close the connection without a word, as a crashing proxy would."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the owners keep their own request logs."""
