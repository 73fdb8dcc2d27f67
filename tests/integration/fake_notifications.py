"""A desktop's notification server, on a test's private bus: it remembers each Notify, and
a test can click one of its actions (`NotificationServer.click`) or dismiss it."""

import asyncio
import threading
from typing import Annotated

from dbus_fast.aio import MessageBus
from dbus_fast.annotations import DBusDict, DBusInt32, DBusSignature, DBusStr, DBusUInt32
from dbus_fast.service import ServiceInterface, dbus_method, dbus_signal

DBusStrings = Annotated[list[str], DBusSignature("as")]


class Notifications(ServiceInterface):
    def __init__(self, capabilities: tuple[str, ...] = ("body",)) -> None:
        super().__init__("org.freedesktop.Notifications")
        self.shown: list[tuple[str, str, str, str]] = []
        self.actions: list[list[str]] = []  # each Notify's actions: key, label, key, label...
        self.closed: list[int] = []  # the ids asked to close (CloseNotification)
        self.capabilities = list(capabilities)

    @dbus_method()
    def GetCapabilities(self) -> DBusStrings:
        return self.capabilities

    @dbus_method()
    def Notify(self, app_name: DBusStr, replaces_id: DBusUInt32, app_icon: DBusStr,
               summary: DBusStr, body: DBusStr, actions: DBusStrings, hints: DBusDict,
               expire_timeout: DBusInt32) -> DBusUInt32:
        self.shown.append((app_name, app_icon, summary, body))
        self.actions.append(list(actions))
        return len(self.shown)

    @dbus_method()
    def CloseNotification(self, notification_id: DBusUInt32) -> None:
        self.closed.append(notification_id)
        self.NotificationClosed(notification_id, 3)

    @dbus_signal()
    def ActionInvoked(self, notification_id: int,
                      key: str) -> Annotated[list[object], DBusSignature("us")]:
        return [notification_id, key]

    @dbus_signal()
    def NotificationClosed(self, notification_id: int,
                           reason: int) -> Annotated[list[int], DBusSignature("uu")]:
        return [notification_id, reason]


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

    def click(self, notification_id: int, key: str) -> None:
        """The person clicks the action `key` of a notification shown (the server says so
        on the bus, then closes it, as servers do)."""
        assert self._loop is not None
        self._loop.call_soon_threadsafe(self._click, notification_id, key)

    def _click(self, notification_id: int, key: str) -> None:
        self.service.ActionInvoked(notification_id, key)
        self.service.NotificationClosed(notification_id, 2)

    def dismiss(self, notification_id: int, reason: int = 2) -> None:
        """The notification goes away unanswered (1 expired, 2 dismissed by the person)."""
        assert self._loop is not None
        self._loop.call_soon_threadsafe(self.service.NotificationClosed, notification_id,
                                        reason)

    def close(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=5)
