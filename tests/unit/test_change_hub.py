"""The in-process hub: subscribers per workshop, unsubscribe, a call to everyone after a lost connection."""

from db.changes import Hub, topic


def test_subscribers_hear_their_workshop_until_they_leave() -> None:
    hub, got = Hub(), []
    leave = hub.subscribe(1, lambda t: got.append((1, t)))
    hub.subscribe(2, lambda t: got.append((2, t)))
    hub.publish(1, frozenset({"pain"}))
    assert got == [(1, frozenset({"pain"}))] and hub.subscribers(1) == 1 and hub.subscribers() == 2
    leave()
    hub.publish(1, frozenset({"vote"}))
    assert len(got) == 1 and hub.subscribers(1) == 0
    hub.publish_everywhere(frozenset({"*"}))
    assert got[-1] == (2, frozenset({"*"}))


def test_topics_tell_the_room_apart_from_settings() -> None:
    assert topic("workshop", "timer_start") == "room" and topic("workshop", "current_step") == "room"
    assert topic("workshop", "update") == "workshop" and topic("pain", "create") == "pain"
