"""Workshops: creation, joining by code, facilitator sign-in, throttling, archive, isolation."""

import pytest

from cvm_core.errors import NotFound, PermissionDenied, Throttled, ValidationError
from db import read, services, workshops
from tests.helpers import create, settings, sign_in_vouched


def test_passcode_is_stored_as_a_salted_slow_hash(engine) -> None:
    info, _ = workshops.create_workshop(engine, data={"name": "W"}, passcode="open sesame", facilitator_name="F")
    assert "passcode_hash" not in info or "open sesame" not in str(info)
    first, second = workshops.hash_passcode("same-code"), workshops.hash_passcode("same-code")
    assert first != second and first.startswith("scrypt$")
    assert workshops.check_passcode("same-code", first) and not workshops.check_passcode("other", first)


def test_create_validates_name_and_passcode(engine) -> None:
    with pytest.raises(ValidationError):
        workshops.create_workshop(engine, data={"name": " "}, passcode="long-enough", facilitator_name="F")
    with pytest.raises(ValidationError) as caught:
        workshops.create_workshop(engine, data={"name": "W"}, passcode="abc", facilitator_name="F")
    assert caught.value.errors[0].key == "errors.passcode_length"


def test_join_by_code_creates_a_participant_with_a_department(engine, workshop) -> None:
    info, _ = workshop
    pat = workshops.join(
        engine, code=info["join_code"].lower(), display_name="Pat", new_department="Sales", throttle_keys=["j1"]
    )
    person = workshops.participant(engine, actor=pat)
    assert person["role"] == "participant" and person["department_id"] is not None
    kim = workshops.join(
        engine, code=info["join_code"], display_name="Kim", new_department=" sales ", throttle_keys=["j1"]
    )
    assert workshops.participant(engine, actor=kim)["department_id"] == person["department_id"]
    assert len(read.rows(engine, workshop_id=info["id"], entity_name="department")) == 1


def test_join_codes_isolate_workshops(engine, workshop) -> None:
    info, facilitator = workshop
    other, other_facilitator = workshops.create_workshop(
        engine, data={"name": "B"}, passcode="pass-b", facilitator_name="B"
    )
    create(engine, other_facilitator, "department", name="Secret")
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=["j2"])
    assert pat.workshop_id == info["id"]
    assert read.rows(engine, workshop_id=pat.workshop_id, entity_name="department") == []
    assert [w["id"] for w in workshops.workshops(engine, ids=[pat.workshop_id])] == [info["id"]]
    forged = services.Actor(other["id"], pat.participant_id, "Pat")
    with pytest.raises(PermissionDenied):
        create(engine, forged, "department", name="Sneaky")


def test_wrong_codes_are_throttled(engine, workshop) -> None:
    info, _ = workshop
    for _ in range(5):
        with pytest.raises(NotFound):
            workshops.join(engine, code="NOPE99", display_name="Eve", throttle_keys=["guesser"])
    with pytest.raises(Throttled):
        workshops.join(engine, code=info["join_code"], display_name="Eve", throttle_keys=["guesser"])
    workshops.join(engine, code=info["join_code"], display_name="Eve", throttle_keys=["someone-else"])


def test_facilitator_sign_in_needs_the_passcode_and_is_throttled(engine, workshop) -> None:
    info, _ = workshop
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            workshops.sign_in(
                engine, code=info["join_code"], passcode="wrong", display_name="Mallory", throttle_keys=["m"]
            )
    with pytest.raises(Throttled):
        workshops.sign_in(
            engine, code=info["join_code"], passcode="passcode-1", display_name="Mallory", throttle_keys=["m"]
        )
    co = workshops.sign_in(
        engine, code=info["join_code"], passcode="passcode-1", display_name="Co", throttle_keys=["c"]
    )
    assert workshops.participant(engine, actor=co)["role"] == "facilitator"


def test_archive_makes_the_workshop_read_only_and_restore_undoes_it(engine, workshop) -> None:
    info, facilitator = workshop
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=["a1"])
    with pytest.raises(PermissionDenied):
        workshops.set_archived(engine, actor=pat, archived=True)
    workshops.set_archived(engine, actor=facilitator, archived=True)
    with pytest.raises(PermissionDenied) as caught:
        create(engine, facilitator, "department", name="Late")
    assert caught.value.key == "errors.workshop_archived"
    with pytest.raises(NotFound):
        workshops.join(engine, code=info["join_code"], display_name="New", throttle_keys=["a2"])
    workshops.set_archived(engine, actor=facilitator, archived=False)
    create(engine, facilitator, "department", name="Late")


def test_settings_are_facilitator_only_and_versioned(engine, workshop) -> None:
    info, facilitator = workshop
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=["s1"])
    with pytest.raises(PermissionDenied):
        settings(engine, pat, dots_per_person=9)
    saved = workshops.update_settings(
        engine, actor=facilitator, version=info["version"], changes={"dots_per_person": 9}
    )
    assert saved["dots_per_person"] == 9 and "passcode_hash" not in saved
    with pytest.raises(ValidationError):
        settings(engine, facilitator, scale_max=1000)


def test_joining_under_the_facilitators_name_is_refused(engine, workshop) -> None:
    info, facilitator = workshop
    with pytest.raises(ValidationError) as caught:
        workshops.join(engine, code=info["join_code"], display_name=" fay ", throttle_keys=["impostor"])
    assert caught.value.errors[0].key == "people.err.name_taken"
    with pytest.raises(PermissionDenied):
        workshops.sign_in(engine, code=info["join_code"], passcode="wrong-1", display_name="Fay", throttle_keys=["x"])


def test_organisation_sign_in_makes_listed_people_facilitators(engine, workshop) -> None:
    info, _ = workshop
    with pytest.raises(PermissionDenied):
        sign_in_vouched(engine, info["join_code"], "Eve", "eve@else.example", "o1")
    ann = sign_in_vouched(engine, info["join_code"], "Ann", "ann@corp.example", "o2")
    assert workshops.participant(engine, actor=ann)["role"] == "facilitator"


def test_the_hour_rate_is_a_facilitator_setting(engine, workshop) -> None:
    info, facilitator = workshop
    saved = settings(engine, facilitator, hour_rate="45,5")
    assert saved["hour_rate"] == 45.5
    with pytest.raises(ValidationError):
        settings(engine, facilitator, hour_rate=-1)


def test_the_currency_label_is_a_facilitator_setting(engine, workshop) -> None:
    info, facilitator = workshop
    assert workshops.workshop(engine, workshop_id=info["id"])["currency"] == ""
    saved = settings(engine, facilitator, currency="  €\u200b ")
    assert saved["currency"] == "€"
    with pytest.raises(ValidationError) as refused:
        settings(engine, facilitator, currency="x" * 13)
    assert refused.value.errors[0].key == "errors.too_long"
    assert workshops.workshop(engine, workshop_id=info["id"])["currency"] == "€"
