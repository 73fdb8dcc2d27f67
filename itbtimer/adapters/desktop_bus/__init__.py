"""The desktop session bus: an MPRIS player and desktop notifications, on a thread of its own.

dbus-fast's asyncio loop runs in a background thread. It never touches the
session or Tk: remote commands go into `inbox` and a byte is written to a pipe
(`wake_fd`) that the Tk loop watches (`gui/remote.py`); the Tk thread publishes
what the remote should show with `publish`, which hops onto the bus loop.

No session bus (ssh, CI without one, another OS) or no dbus-fast: one line in
the log and nothing else changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from itbtimer.adapters.logs import log
from itbtimer.core.escaping import escaped
from itbtimer.present.now_playing import NowPlaying, Remote, idle

BUS_NAME = "org.mpris.MediaPlayer2.itbtimer"
JUMP_SECONDS = 1.0  # a position this far from where it should be is a jump (Seeked)
RECONNECT_SECONDS = 2.0  # a lost bus is looked for again this often
DONE, LOST, NO_BUS = "done", "lost", "no bus"  # how one connection ended


def _log_loop_error(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """An error in a task of dbus-fast's: to the log, never printed on the terminal."""
    error = context.get("exception")
    what = f"{type(error).__name__}: {error}" if error else context.get("message", "?")
    log.info("MPRIS: %s", what)


class DesktopBus:
    """The player's end of the session bus. Start it once; every method is safe from Tk."""

    def __init__(self, identity: str = "itbtimer", desktop_entry: str = "itbtimer",
                 icon: str = "itbtimer", clock: Callable[[], float] = time.monotonic):
        self.identity = identity
        self.desktop_entry = desktop_entry
        self._body_markup: bool | None = None  # the notification server reads markup (asked once)
        self.icon = icon
        self.clock = clock
        self.inbox: queue.SimpleQueue[Remote] = queue.SimpleQueue()
        self.name: str | None = None  # the bus name we own, once connected
        self.ready = threading.Event()  # set when connected, or when it gave up
        self._read_fd, self._write_fd = os.pipe()
        os.set_blocking(self._read_fd, False)
        os.set_blocking(self._write_fd, False)
        self._now = idle(identity)
        self._published_at = clock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._player: Any = None
        self._bus: Any = None
        self._lock = threading.Lock()
        self._closed = False  # set by close(): the pipe may be gone, the bus must not stay
        self._closing = threading.Event()  # close() was called: no reconnecting
        self.connections = 0  # how many times it connected (a lost bus comes back)
        self._gone = False  # connected once, then the bus went away (and is not back yet)
        self._thread = threading.Thread(target=self._run, name="itbtimer-bus", daemon=True)

    # --- the Tk side ------------------------------------------------------------------

    def start(self) -> None:
        self._thread.start()

    @property
    def wake_fd(self) -> int:
        """Readable whenever a remote command is waiting in `inbox`."""
        return self._read_fd

    @property
    def gone(self) -> bool:
        """The bus went away after it was connected, and is not back yet (the window says
        so); `wake_fd` turns readable when this changes."""
        return self._gone

    def take(self) -> list[Remote]:
        """Every command waiting, oldest first (call from the Tk thread when woken)."""
        with contextlib.suppress(BlockingIOError, OSError):
            while os.read(self._read_fd, 512):
                pass
        commands = []
        while True:
            try:
                commands.append(self.inbox.get_nowait())
            except queue.Empty:
                return commands

    def publish(self, now_playing: NowPlaying) -> None:
        """Show this state to remotes; signals what changed."""
        self._call_soon(self._show, now_playing, self.clock())

    def notify(self, summary: str, body: str) -> None:
        """A desktop notification through org.freedesktop.Notifications (best effort)."""
        self._call_soon(self._send_notification, escaped(summary), escaped(body))

    def close(self) -> None:
        """Leave the bus (the name is released) and end the thread.

        The pipe is closed only once the thread has ended: a thread still connecting
        could otherwise write into a descriptor number the process has since reused
        (the history database's, say). `_closed` tells it to write nothing and leave.
        """
        self._closing.set()
        with self._lock:
            self._closed = True
            if self._loop is not None and self._stopping is not None:
                with contextlib.suppress(RuntimeError):
                    self._loop.call_soon_threadsafe(self._stopping.set)
        if self._thread.is_alive():
            self._thread.join(timeout=2.0)
        if self._thread.is_alive():
            log.info("MPRIS: the bus thread is still connecting; left to end with the process")
            return
        for fd in (self._read_fd, self._write_fd):
            with contextlib.suppress(OSError):
                os.close(fd)

    # --- the bus thread ---------------------------------------------------------------

    def ask(self, command: Remote) -> None:
        """Called on the bus thread by the MPRIS methods: hand the command to the Tk thread."""
        with self._lock:
            if self._closed:
                return
            self.inbox.put(command)
            self._wake()

    def _went(self, gone: bool) -> None:
        """The bus went away or came back: the Tk thread is woken to say so."""
        with self._lock:
            if self._closed or self._gone == gone:
                return
            self._gone = gone
            self._wake()

    def _wake(self) -> None:
        """Make `wake_fd` readable (holding the lock, not closed)."""
        with contextlib.suppress(BlockingIOError, OSError):
            os.write(self._write_fd, b"!")

    def position(self) -> float:
        return self._now.position_after(self.clock() - self._published_at)

    def _call_soon(self, fn: Callable[..., None], *args: Any) -> None:
        with self._lock:
            if self._loop is None:
                if fn == self._show:  # not connected yet: the player starts from the latest
                    self._now, self._published_at = args
                return
            with contextlib.suppress(RuntimeError):  # the loop has closed: nobody to show to
                self._loop.call_soon_threadsafe(fn, *args)

    def _run(self) -> None:
        """Connect; when the bus goes away (its daemon killed, the session restarted), try
        again every few seconds until it is back or the window closes."""
        lost = False
        try:
            while not self._closing.is_set():
                try:
                    outcome = asyncio.run(self._main(quiet=lost))
                except Exception as exc:  # never let the bus take the window down
                    log.warning("MPRIS stopped: %s: %s", type(exc).__name__, exc)
                    return
                if outcome == LOST:
                    lost = True
                    self._went(gone=True)
                elif outcome != NO_BUS or not lost:
                    return  # closed, or never had a bus: nothing to come back to
                self.ready.set()
                if self._closing.wait(RECONNECT_SECONDS):
                    return
        finally:
            self.ready.set()

    async def _main(self, quiet: bool = False) -> str:
        """One connection: DONE when closed, LOST when the bus went away, NO_BUS."""
        asyncio.get_running_loop().set_exception_handler(_log_loop_error)
        try:
            from dbus_fast import BusType
            from dbus_fast.aio import MessageBus

            from itbtimer.adapters.desktop_bus.mpris import PATH, MediaPlayer, Player
        except ImportError as exc:
            log.info("MPRIS off: dbus-fast is not available (%s)", exc)
            return DONE
        try:
            bus = await MessageBus(bus_type=BusType.SESSION).connect()
        except Exception as exc:
            if not quiet:
                log.info("MPRIS off: no session bus (%s)", exc)
            return NO_BUS
        self._bus = bus
        self.connections += 1
        self._stopping = asyncio.Event()
        bus.export(PATH, MediaPlayer(self.ask, self.identity, self.desktop_entry))
        with self._lock:
            if self._closed:  # the window closed while we were connecting
                bus.disconnect()
                return DONE
            self._player = Player(self.ask, self._now, self.position)
            self._loop = asyncio.get_running_loop()
        bus.export(PATH, self._player)
        self.name = await self._own_name(bus)
        self.ready.set()
        self._went(gone=False)
        log.info("MPRIS: %s on the session bus", self.name)
        stopping = asyncio.ensure_future(self._stopping.wait())
        # dbus-fast leaves wait_for_disconnect unannotated (its package is typed otherwise)
        gone = asyncio.ensure_future(bus.wait_for_disconnect())  # type: ignore[no-untyped-call]
        await asyncio.wait([stopping, gone], return_when=asyncio.FIRST_COMPLETED)
        with self._lock:
            self._player = None
            self._loop = None
            self._bus = None
        if not gone.done():
            bus.disconnect()
            gone.cancel()
            return DONE
        # retrieved here, so it is logged once and never printed as "never retrieved"
        why = gone.exception() if not gone.cancelled() else None
        stopping.cancel()
        if self._stopping.is_set():
            return DONE
        log.warning("MPRIS: the session bus went away (%s); media remotes are gone until "
                    "it is back", type(why).__name__ if why else "disconnected")
        return LOST

    async def _own_name(self, bus: Any) -> str:
        """org.mpris.MediaPlayer2.itbtimer, or a per-process name when another window has it."""
        from dbus_fast import NameFlag, RequestNameReply

        owned = (RequestNameReply.PRIMARY_OWNER, RequestNameReply.ALREADY_OWNER)
        if await bus.request_name(BUS_NAME, NameFlag.DO_NOT_QUEUE) in owned:
            return BUS_NAME
        name = f"{BUS_NAME}.instance{os.getpid()}"
        await bus.request_name(name, NameFlag.DO_NOT_QUEUE)
        return name

    def _show(self, now_playing: NowPlaying, published_at: float) -> None:
        if self._player is None:
            return
        expected = self.position()
        before = self._now
        self._now, self._published_at = now_playing, published_at
        jumped = (before.trackid == now_playing.trackid
                  and abs(expected - now_playing.position) > JUMP_SECONDS)
        self._player.show(now_playing, jumped)

    def _send_notification(self, summary: str, body: str) -> None:
        if self._bus is None:
            return
        from dbus_fast import MessageType

        from itbtimer.adapters.desktop_bus.notifications import (
            Capability,
            body_text,
            capabilities,
            notify_message,
        )

        bus = self._bus

        async def send() -> None:
            if self._body_markup is None:
                self._body_markup = Capability.BODY_MARKUP in await capabilities(bus)
            message = notify_message(self.identity, self.icon, summary,
                                     body_text(body, self._body_markup), [],
                                     self.desktop_entry)
            try:
                reply = await bus.call(message)
            except Exception as exc:
                log.info("notification not shown: %s", exc)
                return
            if reply is not None and reply.message_type == MessageType.ERROR:
                log.info("notification not shown: %s", reply.error_name)

        asyncio.ensure_future(send())


def connect(icon: str = "itbtimer") -> DesktopBus | None:
    """The desktop bus on Linux (started, connecting in the background); None elsewhere."""
    import sys

    if not sys.platform.startswith("linux"):
        log.info("MPRIS off: not on Linux")
        return None
    bus = DesktopBus(icon=icon)
    bus.start()
    return bus
