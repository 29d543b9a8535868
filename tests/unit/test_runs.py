"""web/runs.py on Streamlit's own request queue: a fragment run asked by the page being left never turns
the person's page into that page (see the module for the race)."""

from __future__ import annotations

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequests, ScriptRequestType

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
