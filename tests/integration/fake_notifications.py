"""A desktop's notification server, on a test's private bus: it remembers each Notify."""

import asyncio
import threading
from typing import Annotated

from dbus_fast.aio import MessageBus
from dbus_fast.annotations import DBusDict, DBusInt32, DBusSignature, DBusStr, DBusUInt32
from dbus_fast.service import ServiceInterface, dbus_method

DBusStrings = Annotated[list[str], DBusSignature("as")]


class Notifications(ServiceInterface):
    def __init__(self, capabilities: tuple[str, ...] = ("body",)) -> None:
        super().__init__("org.freedesktop.Notifications")
        self.shown: list[tuple[str, str, str, str]] = []
        self.capabilities = list(capabilities)

    @dbus_method()
    def GetCapabilities(self) -> DBusStrings:
        return self.capabilities

    @dbus_method()
    def Notify(self, app_name: DBusStr, replaces_id: DBusUInt32, app_icon: DBusStr,
               summary: DBusStr, body: DBusStr, actions: DBusStrings, hints: DBusDict,
               expire_timeout: DBusInt32) -> DBusUInt32:
        self.shown.append((app_name, app_icon, summary, body))
        return len(self.shown)


class NotificationServer:
    """Runs `Notifications` on its own thread until `close()`."""

    def __init__(self, capabilities: tuple[str, ...] = ("body",)) -> None:
        self.service = Notifications(capabilities)
        self.ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True)
        self._thread.start()
        self.ready.wait(10)

    async def _main(self) -> None:
        bus = await MessageBus().connect()
        bus.export("/org/freedesktop/Notifications", self.service)
        await bus.request_name("org.freedesktop.Notifications")
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self.ready.set()
        await self._stop.wait()
        bus.disconnect()

    def close(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=5)
