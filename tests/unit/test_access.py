"""Organisation sign-in: which e-mails get facilitator rights."""

from cvm_core.access import is_org_facilitator

RULES = ["anna@example.com", "@corp.example"]


def test_listed_emails_and_domains() -> None:
    assert is_org_facilitator("Anna@Example.com", RULES)
    assert is_org_facilitator("bob@corp.example", RULES)


def test_others_are_refused() -> None:
    for email in ("bob@example.com", "eve@corp.example.evil", "eve@evilcorp.example", "", None, "no-at-sign"):
        assert not is_org_facilitator(email, RULES)
    assert not is_org_facilitator("anna@example.com", [])
