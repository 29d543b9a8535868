"""Who may act as a facilitator through the organisation's sign-in (OIDC)."""

from __future__ import annotations

from collections.abc import Iterable


def is_org_facilitator(email: str | None, rules: Iterable[str]) -> bool:
    """True when `email` is listed, or its domain is (a rule "@example.com" admits the whole domain)."""
    if not email or "@" not in email:
        return False
    email = email.strip().casefold()
    domain = "@" + email.rsplit("@", 1)[1]
    for rule in rules:
        rule = str(rule).strip().casefold()
        if rule and (rule == email or (rule.startswith("@") and rule == domain)):
            return True
    return False
