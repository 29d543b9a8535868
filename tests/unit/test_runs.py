"""web/runs.py on Streamlit's own request queue: a fragment run asked by the page being left never turns
the person's page into that page, and a fragment run that carries a change outside its fragment runs the
whole page (see the module for both races)."""

from __future__ import annotations

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequests, ScriptRequestType
from streamlit.runtime.state.common import WidgetMetadata

from web import runs

LEFT, ASKED, BAR = "hash-of-step-4", "hash-of-step-3", "bar-fragment"


def queued(*requests: RerunData, rule: bool = True) -> RerunData:
    """What Streamlit runs next after `requests` waited together (with our rule, or Streamlit's alone)."""
    assert runs.keep_the_page_asked()
    queue = ScriptRequests()
    ask = ScriptRequests._request_rerun_locked if rule else ScriptRequests._request_rerun_locked.__wrapped__
    with queue._lock:
        for request in requests:
            assert ask(queue, request)
    ready = queue.on_scriptrunner_ready()
    assert ready.type == ScriptRequestType.RERUN
    return ready.rerun_data


def test_a_fragment_run_of_the_page_left_joins_the_waiting_run_of_the_page_asked() -> None:
    click = RerunData(page_script_hash=ASKED, page_name="step3_value")
    stray = RerunData(page_script_hash=LEFT, page_name="step4_canvas", fragment_id=BAR)
    assert queued(click, stray, rule=False).page_script_hash == LEFT  # Streamlit alone: the click is lost
    run = queued(click, stray)
    assert (run.page_script_hash, run.page_name, run.fragment_id_queue) == (ASKED, "step3_value", [])


def test_runs_of_one_page_fold_as_streamlit_folds_them() -> None:
    click = RerunData(page_script_hash=ASKED)
    bar = RerunData(page_script_hash=ASKED, fragment_id=BAR)
    assert queued(bar, RerunData(page_script_hash=ASKED, fragment_id="other")).fragment_id_queue == [BAR, "other"]
    assert queued(click, bar).page_script_hash == ASKED
    later = queued(bar, RerunData(page_script_hash=LEFT))  # a full run of another page: the newer is asked
    assert (later.page_script_hash, later.fragment_id_queue) == (LEFT, [])


def test_a_fragment_request_is_stamped_with_the_page_the_session_runs() -> None:
    stray = ClientState(page_script_hash=LEFT, page_name="step4_canvas", fragment_id=BAR)
    fixed = runs.restamped(stray, ASKED)
    assert (fixed.page_script_hash, fixed.page_name, fixed.fragment_id) == (ASKED, "", BAR)
    assert stray.page_script_hash == LEFT  # the browser's message is not changed in place
    same = ClientState(page_script_hash=ASKED, fragment_id=BAR)
    full = ClientState(page_script_hash=LEFT)
    assert runs.restamped(same, ASKED) is same
    assert runs.restamped(full, ASKED) is full  # a page change the person asked for
    assert runs.restamped(stray, "") is stray  # nothing ran yet
    assert runs.restamped(None, ASKED) is None


def test_the_rule_is_installed_once() -> None:
    assert runs.keep_the_page_asked()
    once = ScriptRequests._request_rerun_locked
    assert runs.keep_the_page_asked()
    assert ScriptRequests._request_rerun_locked is once


def widget(id_: str, fragment: str | None) -> WidgetMetadata:
    return WidgetMetadata(id_, lambda v: v, lambda v: v, "string_value", fragment_id=fragment)


WIDGETS = {
    "s1_tab": widget("s1_tab", None),  # the page's tabs, outside any fragment
    "save": widget("save", None),
    "bar_trigger": widget("bar_trigger", BAR),  # the room bar's component
}
HELD = {"s1_tab": WidgetState(id="s1_tab", string_value="Customers")}


def bar_run(*states: WidgetState) -> ClientState:
    return ClientState(page_script_hash=ASKED, fragment_id=BAR, widget_states=WidgetStates(widgets=list(states)))


def outside(request: ClientState, sent: dict[str, WidgetState] | None = None) -> bool:
    return runs.reaches_outside(request, WIDGETS, HELD.get, sent or {})


def test_a_tab_clicked_with_the_bars_trigger_runs_the_whole_page() -> None:
    """The browser folded a tab's click and the room bar's trigger into one run of the bar: the tab showed
    open over the other tab's content."""
    trigger = WidgetState(id="bar_trigger", json_trigger_value='[{"event": "change"}]')
    clicked = bar_run(trigger, WidgetState(id="s1_tab", string_value="Departments"))
    assert outside(clicked)
    whole = runs.as_whole_page(clicked)
    assert (whole.fragment_id, whole.page_script_hash, len(whole.widget_states.widgets)) == ("", ASKED, 2)
    assert clicked.fragment_id == BAR  # the browser's message is not changed in place


def test_a_bar_run_that_changes_nothing_outside_stays_the_bars() -> None:
    trigger = WidgetState(id="bar_trigger", json_trigger_value='[{"event": "change"}]')
    assert not outside(bar_run(trigger, WidgetState(id="s1_tab", string_value="Customers")))  # as held
    assert not outside(bar_run(trigger, WidgetState(id="save", trigger_value=False)))  # a button not pressed
    assert not outside(bar_run(WidgetState(id="unknown", string_value="x")))  # a widget the page no longer has
    # the server holds the value written its own way (JSON spacing, say): the browser already sent it
    again = WidgetState(id="s1_tab", string_value="Departments")
    assert not outside(bar_run(again), sent={"s1_tab": again})
    assert not outside(ClientState(page_script_hash=ASKED, widget_states=WidgetStates(widgets=[again])))  # a page run


def test_a_button_outside_pressed_with_the_bars_trigger_runs_the_whole_page() -> None:
    assert outside(bar_run(WidgetState(id="save", trigger_value=True)))


def test_a_fragment_run_queued_behind_the_new_page_starts_as_the_new_page() -> None:
    """Asked while the session was still on the page being left (a run the server asks for itself), it
    reaches the runner after the new page ran: it runs as the new page, not as the old one."""
    late = RerunData(page_script_hash=LEFT, page_name="step4_canvas", fragment_id_queue=[BAR])
    run = runs.as_this_page(late, ASKED)
    assert (run.page_script_hash, run.page_name, run.fragment_id_queue) == (ASKED, "", [BAR])
    page_run = RerunData(page_script_hash=LEFT)
    assert runs.as_this_page(page_run, ASKED) is page_run  # a page the person asked for
    same = RerunData(page_script_hash=ASKED, fragment_id_queue=[BAR])
    assert runs.as_this_page(same, ASKED) is same
    assert runs.as_this_page(late, "") is late  # nothing ran yet


def test_a_value_the_server_cannot_write_counts_as_unchanged() -> None:
    def broken(widget_id: str) -> WidgetState:
        raise RuntimeError("a serializer that needs the script's context")

    changed = bar_run(WidgetState(id="s1_tab", string_value="Departments"))
    assert not runs.reaches_outside(changed, WIDGETS, broken, {})
    assert runs.reaches_outside(changed, WIDGETS, HELD.get, {})
