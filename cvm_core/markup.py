"""User text kept from becoming a link in Markdown.

Markdown renderers with GitHub's extensions (Streamlit's, GitHub's own) turn a bare `https://…`,
`www.…` or `name@host.org` into a link after parsing, so escaping the characters does not stop them.
An invisible word joiner placed inside the pattern (`https⁠://`, `www⁠.`, `name⁠@`) does: the reader
sees the same text, nothing is clickable. Pages (ui.widgets.md) and the Markdown export both use it.
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?<![^\W_])(https?|ftp|mailto|xmpp)(?=:)|(?<![^\W_])(www)(?=\.)|(?<=[-.\w+])(?=@)")


def no_autolinks(text: str) -> str:
    """`text` with a word joiner inside every web address, `www.` and e-mail address."""
    return _AUTOLINK.sub(lambda m: (m.group(0) or "") + WORD_JOINER, text)
