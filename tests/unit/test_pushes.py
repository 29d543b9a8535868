"""web/pushes.py: which fragments a change reruns, and that a run the server asks for never takes away a
value the browser sent (shown on Streamlit's own request queue)."""

from __future__ import annotations

from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequests, ScriptRequestType

from web.pushes import BAR, FRAGMENT, LIST, Listener, fired

RANKING = Listener("ranking-fragment", FRAGMENT, ("pain", "vote"))
ROOM_BAR = Listener("bar-fragment", BAR, ("pain", "customer"))
EVERYTHING_BAR = Listener("bar-fragment", BAR, None)
LIVE_RANKING = Listener("", LIST, ("pain", "vote"))


def told(listeners: list[Listener], *topics: str) -> list[tuple[str, bool, bool]]:
    return [(x.fragment_id, page, any_) for x, page, any_ in fired(listeners, topics)]


def test_the_fragment_that_shows_a_topic_takes_it_and_the_bar_gets_the_rest() -> None:
    assert told([ROOM_BAR, RANKING], "vote") == [("ranking-fragment", True, False)]
    assert told([ROOM_BAR, RANKING], "vote", "customer") == [
        ("ranking-fragment", True, False),
        ("bar-fragment", True, False),
    ]


def test_a_live_list_takes_its_topics_and_reruns_nothing() -> None:
    """Its rows come on the change stream (web/lists.py): neither it nor the page reruns for them."""
    assert told([ROOM_BAR, LIVE_RANKING], "pain") == []
    assert told([ROOM_BAR, LIVE_RANKING], "vote", "customer") == [("bar-fragment", True, False)]
    assert told([ROOM_BAR, LIVE_RANKING], "*") == [("bar-fragment", True, True)]


def test_the_room_alone_redraws_the_bar_and_leaves_the_page() -> None:
    assert told([ROOM_BAR, RANKING], "room") == [("bar-fragment", False, False)]


def test_what_the_page_does_not_show_reruns_nothing() -> None:
    assert told([ROOM_BAR, RANKING], "promise") == []
    assert told([EVERYTHING_BAR], "promise") == [("bar-fragment", True, False)]  # a page that shows everything


def test_anything_may_have_changed_reruns_every_listener() -> None:
    assert told([ROOM_BAR, RANKING], "*") == [("ranking-fragment", True, True), ("bar-fragment", True, True)]


def values(run: RerunData) -> dict[str, str]:
    return {w.id: w.string_value for w in run.widget_states.widgets} if run.widget_states else {}


def next_run(*requests: RerunData) -> RerunData:
    queue = ScriptRequests()
    for request in requests:
        assert queue.request_rerun(request)
    ready = queue.on_scriptrunner_ready()
    assert ready.type == ScriptRequestType.RERUN
    return ready.rerun_data


def test_a_run_the_server_asks_for_keeps_what_the_browser_sent_before_or_after_it() -> None:
    sent = WidgetStates(widgets=[WidgetState(id="s1_tab", string_value="Departments")])
    click = RerunData(page_script_hash="step1", widget_states=sent)
    pushed = RerunData(page_script_hash="step1", fragment_id="bar-fragment", widget_states=None)  # as rerun() asks
    for order in ((click, pushed), (pushed, click)):
        run = next_run(*order)
        assert values(run) == {"s1_tab": "Departments"}
        assert run.fragment_id_queue == []  # the click's whole page runs, and draws the bar with it
    alone = next_run(pushed)
    assert alone.widget_states is None and alone.fragment_id_queue == ["bar-fragment"]  # the values it holds
