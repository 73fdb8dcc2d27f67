"""Desktop notifications (org.freedesktop.Notifications): what the server can show, the body
as it reads it, and a question with actions that waits for the person's click.

`DesktopBus.notify` (the window's "Workout complete") shows one and goes on; `ask` (the
training-day reminder, a short-lived process of its own) shows one with actions and
waits for the answer.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from itbtimer.adapters.logs import log
from itbtimer.core.enums import StrEnum
from itbtimer.core.escaping import escaped

NOTIFICATIONS = ("org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                 "org.freedesktop.Notifications")
ANSWER_SECONDS = 2 * 3600.0  # how long a reminder waits for a click before it gives up
EXPIRED = 1  # NotificationClosed's reason: it timed out (many servers keep it in a list)


class Capability(StrEnum):
    """What a notification server says it can do (GetCapabilities), of what we use."""

    BODY_MARKUP = "body-markup"  # reads markup in a body: & < > must be entities
    ACTIONS = "actions"  # shows actions the person can click


class Signal(StrEnum):
    """The server's signals about a notification."""

    ACTION_INVOKED = "ActionInvoked"  # (id, key): the person clicked an action
    CLOSED = "NotificationClosed"  # (id, reason): it went away


async def capabilities(bus: Any) -> list[str]:
    """What the server says it can do (GetCapabilities): `Capability`'s words and others."""
    from dbus_fast import Message, MessageType

    destination, path, interface = NOTIFICATIONS
    try:
        reply = await bus.call(Message(destination=destination, path=path,
                                       interface=interface, member="GetCapabilities"))
    except Exception as exc:
        log.info("notification server's capabilities not read: %s", exc)
        return []
    if reply is None or reply.message_type != MessageType.METHOD_RETURN or not reply.body:
        return []
    return [str(c) for c in reply.body[0]]


def body_text(body: str, markup: bool) -> str:
    """A server that reads markup would take "Knee & hip <3" as a broken tag: there the
    body's &, < and > are written as entities, elsewhere as they are."""
    return html.escape(body, quote=False) if markup else body


def notify_message(app: str, icon: str, summary: str, body: str, actions: Sequence[str],
                   desktop_entry: str, timeout_ms: int = -1) -> Any:
    """The Notify call; summary and body as given (escape them first)."""
    from dbus_fast import Message
    from dbus_fast.signature import Variant

    destination, path, interface = NOTIFICATIONS
    return Message(destination=destination, path=path, interface=interface, member="Notify",
                   signature="susssasa{sv}i",
                   body=[app, 0, icon, summary, body, list(actions),
                         {"desktop-entry": Variant("s", desktop_entry)}, timeout_ms])


@dataclass(frozen=True)
class Question:
    """A notification that asks: its actions ((key, label), ...) and a body for each kind
    of server (one that shows the actions, one that cannot)."""

    summary: str
    body: str
    actions: tuple[tuple[str, str], ...]
    body_without_actions: str


def ask(question: Question, wait: float = ANSWER_SECONDS, icon: str = "itbtimer") -> str | None:
    """Show the question and wait for a click: the key clicked, or None when it was
    dismissed, nobody answered in `wait` seconds, the server shows no actions, or there is
    no session bus (all logged, none an error)."""
    try:
        return asyncio.run(_ask(question, wait, icon))
    except ImportError as exc:
        log.info("reminder not shown: dbus-fast is not available (%s)", exc)
        return None


async def _ask(question: Question, wait: float, icon: str) -> str | None:
    from dbus_fast import BusType
    from dbus_fast.aio import MessageBus

    try:
        bus = await MessageBus(bus_type=BusType.SESSION).connect()
    except Exception as exc:
        log.info("reminder not shown: no session bus (%s)", exc)
        return None
    try:
        return await _show_and_wait(bus, question, wait, icon)
    finally:
        bus.disconnect()


async def _show_and_wait(bus: Any, question: Question, wait: float, icon: str) -> str | None:
    from dbus_fast import Message, MessageType

    can = await capabilities(bus)
    answer = Answer(asyncio.get_running_loop().create_future())
    bus.add_message_handler(answer.hear)
    await bus.call(Message(destination="org.freedesktop.DBus", path="/org/freedesktop/DBus",
                           interface="org.freedesktop.DBus", member="AddMatch", signature="s",
                           body=[f"type='signal',interface='{NOTIFICATIONS[2]}'"]))
    with_actions = Capability.ACTIONS in can and bool(question.actions)
    keys = [part for key, label in question.actions for part in (key, escaped(label))]
    body = escaped(question.body if with_actions else question.body_without_actions)
    reply = await bus.call(notify_message(
        "itbtimer", icon, escaped(question.summary), body_text(body, Capability.BODY_MARKUP in can),
        keys if with_actions else [], "itbtimer"))
    if reply is None or reply.message_type != MessageType.METHOD_RETURN:
        log.info("reminder not shown: %s", reply.error_name if reply else "no reply")
        return None
    if not with_actions:
        return None
    notification_id = int(reply.body[0])
    answer.shown(notification_id)
    try:
        return await asyncio.wait_for(answer.future, wait)
    except asyncio.TimeoutError:
        await _close(bus, notification_id)
        return None


class Answer:
    """The person's answer to one notification. Its signals are kept from the start: a
    click can be read in the same go as the reply to Notify, before its id is known."""

    def __init__(self, future: asyncio.Future[str | None]):
        self.future = future
        self.heard: list[tuple[str, int, object]] = []  # (signal, notification id, value)
        self.id: int | None = None

    def hear(self, message: Any) -> None:
        from dbus_fast import MessageType

        if (message.message_type == MessageType.SIGNAL and message.interface == NOTIFICATIONS[2]
                and len(message.body) == 2):
            self.heard.append((str(message.member), int(message.body[0]), message.body[1]))
            self._settle()

    def shown(self, notification_id: int) -> None:
        self.id = notification_id
        self._settle()

    def _settle(self) -> None:
        if self.id is None or self.future.done():
            return
        for signal, notification_id, value in self.heard:
            if notification_id != self.id:
                continue
            if signal == Signal.ACTION_INVOKED:
                self.future.set_result(str(value))
                return
            if signal == Signal.CLOSED and value != EXPIRED:
                self.future.set_result(None)
                return


async def _close(bus: Any, notification_id: int) -> None:
    """Take back a question nobody answered (it would open a window hours late)."""
    from dbus_fast import Message

    destination, path, interface = NOTIFICATIONS
    try:
        await bus.call(Message(destination=destination, path=path, interface=interface,
                               member="CloseNotification", signature="u",
                               body=[notification_id]))
    except Exception as exc:
        log.info("reminder not taken back: %s", exc)
