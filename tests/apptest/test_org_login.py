"""Organisation sign-in is offered only where secrets configure it."""

from pathlib import Path

from tests.apptest.conftest import texts


def test_no_organisation_sign_in_without_configuration(new_app) -> None:
    assert not (Path(__file__).resolve().parents[2] / ".streamlit" / "secrets.toml").exists()
    at = new_app("en")
    assert not at.exception
    assert "Organisation sign-in" not in texts(at) and all(e.label != "Organisation sign-in" for e in at.expander)


def test_organisation_sign_in_is_offered_when_configured(new_app) -> None:
    at = new_app("en")
    at.secrets["auth"] = {"redirect_uri": "http://localhost/oauth2callback", "cookie_secret": "x" * 32}
    at.secrets["clientocracy"] = {"facilitators": ["@example.com"]}
    at.run()
    assert not at.exception
    assert any(e.label == "Organisation sign-in" for e in at.expander)
    assert any(b.label == "Sign in with your organisation" for b in at.button)
