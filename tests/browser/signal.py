"""The phone's signal, as a relay between the browser and the live server.

Chromium's emulated offline state (Playwright's `set_offline`) is not kept reliably across
documents: a page loaded while "offline" sometimes sees an `online` event a moment later,
and its requests then reach the server. A phone without signal reaches nothing, whatever
its browser believes. So the offline tests reach the server through this relay: cut, it
drops the open connections and closes every new one at once; restored, it relays again.
"""

import contextlib
import socket
import threading


class Signal:
    def __init__(self, port: int) -> None:
        self._target = ("127.0.0.1", port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._cut = False
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def cut(self) -> None:
        with self._lock:
            self._cut = True
            dropped, self._open = self._open, set()
        for sock in dropped:
            _close(sock)

    def restore(self) -> None:
        with self._lock:
            self._cut = False

    def close(self) -> None:
        self._closed = True
        self.cut()
        _close(self._listener)

    def _accept(self) -> None:
        while not self._closed:
            try:
                phone, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                relayed = not self._cut
                if relayed:
                    self._open.add(phone)
            if not relayed:
                _close(phone)
                continue
            threading.Thread(target=self._relay, args=(phone,), daemon=True).start()

    def _relay(self, phone: socket.socket) -> None:
        """Reach the server once the phone sends a request: Chromium opens connections ahead
        of need and may leave one idle, and the live server answers one connection at a
        time (tests/browser/conftest.py), so an idle one relayed at once held every other
        request back, the service worker's among them."""
        try:
            request = phone.recv(65536)
        except OSError:
            request = b""
        server = None
        if request:
            with contextlib.suppress(OSError):
                server = socket.create_connection(self._target)
        # Checked again with the pair's registration: a cut while connecting drops it.
        with self._lock:
            relayed = server is not None and not self._cut and phone in self._open
            if relayed:
                self._open.add(server)
        if not relayed:
            for sock in (phone, server):
                if sock is not None:
                    _close(sock)
            return
        try:
            server.sendall(request)
        except OSError:
            _close(server)
            _close(phone)
            return
        threading.Thread(target=_pump, args=(server, phone), daemon=True).start()
        _pump(phone, server)


def _pump(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        _close(sink)
        _close(source)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
