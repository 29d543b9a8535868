"""From every pain, factor, promise and internal promise (steps 2, 3, 5, 6) a link opens the golden thread on
it; the experiments testing an artefact and a promise's share of its segment's revenue show beside it."""

import pytest

from db import read
from db.services import Actor
from tests.apptest.conftest import open_tab, texts
from tests.helpers import create, demo_facilitator, update

STEPS = {
    "pages/step2_pains.py": ("s2_follow", "n"),
    "pages/step3_value.py": ("s3_follow", "n"),
    "pages/step5_promises.py": ("s5_follow", "p"),
    "pages/step6_internal.py": ("s6_follow", "p"),
}


def demo_actor(app_db, lang: str) -> Actor:
    return demo_facilitator(app_db, lang)


def follow_link(at):
    found = [link for link in at.get("page_link") if link.proto.page == "thread"]
    assert len(found) == 1, [link.proto.page for link in at.get("page_link")]
    return found[0]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_step_links_its_artefacts_to_their_thread(new_app, app_db, lang: str) -> None:
    actor = demo_actor(app_db, lang)
    for page, (key, first) in STEPS.items():
        at = new_app(lang, actor, page)
        assert not at.exception, page
        pick = at.selectbox(key=key)
        assert pick.value.startswith(first), page
        link = follow_link(at)
        assert link.proto.query_string == f"of={pick.value}"
        assert link.value == ("Follow the thread" if lang == "en" else "Проследить нить")
    chosen = at.selectbox(key="s6_follow").value
    at.switch_page("pages/thread.py")
    at.query_params["of"] = chosen
    at.run()
    assert not at.exception and at.selectbox(key="thread_pick").value == chosen


def test_internal_promises_too_and_the_link_follows_the_pick(new_app, app_db) -> None:
    actor = demo_actor(app_db, "en")
    at = new_app("en", actor, "pages/step6_internal.py")
    assert any(option.startswith("Internal · ") for option in at.selectbox(key="s6_follow").options)
    internal = read.rows(app_db, workshop_id=actor.workshop_id, entity_name="internal_promise")[-1]["id"]
    at.selectbox(key="s6_follow").set_value(f"i{internal}").run()
    assert follow_link(at).proto.query_string == f"of=i{internal}"


def test_decisions_and_shares_show_beside_the_artefacts(new_app, app_db) -> None:
    actor = demo_actor(app_db, "en")
    wid = actor.workshop_id
    customer = read.rows(app_db, workshop_id=wid, entity_name="customer")[0]["id"]
    pain = next(p for p in read.rows(app_db, workshop_id=wid, entity_name="pain") if p["customer_id"] == customer)
    promises = [p for p in read.rows(app_db, workshop_id=wid, entity_name="promise") if p["customer_id"] == customer]
    department = read.rows(app_db, workshop_id=wid, entity_name="department")[0]
    card = {
        "department_id": department["id"],
        "title": "Evening delivery slots",
        **dict.fromkeys(("believe", "verify", "measure", "right_if", "observed", "learned"), "…"),
        "status": "closed",
        "decision": "pivot",
        "pain_id": pain["id"],
        "promise_id": promises[0]["id"],
    }
    create(app_db, actor, "experiment", **card)
    share = {"revenue_share": 40}
    update(app_db, actor, "promise", promises[0]["id"], **share)
    at = new_app("en", actor, "pages/step2_pains.py")
    open_tab(at, "s2_tab", "Add and edit pains")
    pains = at.data_editor(key=f"pains_{customer}__ed0").value
    assert (
        pains["experiments"].tolist()[pains["text"].tolist().index(pain["text"])] == "🧪 Evening delivery slots: Pivot"
    )
    at = new_app("en", actor, "pages/step5_promises.py")
    table = at.data_editor(key=f"promises_{customer}__ed0").value
    assert table["revenue_share"].tolist()[0] == 40 and table["share_used"].tolist()[0] == 40
    assert table["experiments"].tolist()[0].startswith("🧪 Evening delivery slots: Pivot; 🧪 SMS to the chef")
    assert 40 < sum(v for v in table["share_used"].tolist() if v == v) <= 100  # unpromised factors carry none
    assert "Share of the segment's revenue" in texts(at)
