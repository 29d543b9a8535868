"""Limits and defaults in one place: pages, services and tests read them from here."""

import os

NAME_MAX = 80
SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 4000
UNIT_MAX = 20
CURRENCY_MAX = 12  # the workshop's currency label: a symbol (€, ₽), a code (USD) or a short word
MONEY_MAX = 1e12
INT_MAX = 1_000_000_000

SCALE_MAX_DEFAULT = 10
SCALE_MAX_LIMIT = 100
DOTS_DEFAULT = 5
DOTS_LIMIT = 50
SEVERITY_MAX = 5
FREQUENCY_MAX = 5
WEIGHT_MAX = 10
FEEDBACK_SCORE_MAX = 10
BONUS_SHARE_DEFAULT = 20.0

STEP_COUNT = 9
LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"

JOIN_CODE_LENGTH = 6
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSCODE_MIN = 4
PASSCODE_MAX = 128
# Guessing of join codes, passcodes and rejoin codes (cvm_core/throttle.py explains the rules)
THROTTLE_FREE_ATTEMPTS = 5  # failures a source may have before it waits
THROTTLE_BACKOFF_S = 15  # the first wait; it doubles with every further failure
THROTTLE_BACKOFF_MAX_S = 900
THROTTLE_FORGET_S = 3600  # a source's failures are forgotten after this long without one
THROTTLE_MAX_PER_WORKSHOP = 30  # failures on one workshop that make it "flooded"
THROTTLE_WINDOW_S = 300  # ... without a quiet spell this long

WRITE_RETRIES = 8
SQLITE_BUSY_TIMEOUT_MS = 10_000
PRESENCE_WINDOW_S = 30
REFRESH_SECONDS = 4
FALLBACK_SECONDS = 30  # while its change stream is down, a page checks the database this often
DEFAULT_TIMEBOX_MINUTES = 10
TIMER_MINUTES_MAX = 600  # the longest countdown, and the longest timebox of a step
TIMER_ADD_MAX_S = 3600  # the most time added to (or taken from) a running countdown at once
SESSION_TOKEN_DAYS = 14  # a browser's session token dies after this many days unused (sliding)
SESSION_TOUCH_S = 60  # its last use is written at most this often
REJOIN_CODE_LENGTH = 10  # letters and digits of JOIN_CODE_ALPHABET: about 50 bits
REJOIN_CODE_MINUTES = 15  # a personal rejoin code or link works once, within this many minutes
INVITE_CODE_HOURS = 72  # an invitation (co-facilitator, scribe) works once, within this many hours
PERSON_NAME_MAX = 40  # a display name in a workshop
ROSTER_MAX_LINES = 300  # people pasted onto the list at once
HEARTBEAT_SECONDS = 15
# The end of a timebox (ui/live.py's countdown) and the short round timer for voting and brainstorms (db/live.py)
FLASH_SECONDS = 10  # a countdown flashes this long once it reaches zero
ROUND_SECONDS_MAX = 1800
ROUND_CHOICES_S = (30, 60, 90, 120, 180, 300)  # the round lengths the console offers
ROUND_ADD_S = 30  # the console's "more time" for a round
ROUND_LINGER_S = 60  # a round that ended stays on screens (over time) this long, then goes
# The projector view (ui/projector_view.py)
PROJECTOR_TOP_PAINS = 3  # pains per customer in the live ranked list (the method's top pains)
PROJECTOR_MIN_FONT_PX = 32  # readable from the back of a room at 1920 x 1080
COOKIE_NONCE_SECONDS = 120  # a page exchanges its ticket for the session cookie within this time
DRAFTS_KEPT_MAX = 200_000  # bytes (JSON) of unsaved table edits and texts a browser tab keeps across a reload

# Between workshops: rounds compared (cvm_core/rounds.py), pains merged (cvm_core/merge.py)
ROUNDS_MAX = 12  # rounds of one line shown side by side, the newest kept
MERGE_MAX = 10  # pains merged into one at a time

# Exports and the JSON backup (cvm_core/exports, db/exchange.py, docs/export-format.md)
IMPORT_MAX_MB = 20
IMPORT_MAX_DEPTH = 16
IMPORT_MAX_ROWS = 200_000
IMPORT_MAX_PROBLEMS = 20
PICTURE_CACHE_FILES = 500  # chart pictures kept on disk for the PDF (cvm_core/exports/picture_cache.py)
IMPORT_MAX_DIGITS = 30  # a whole number in a backup is never longer (ids, counts and money are far shorter)

# The home page offers the demo workshops (db/demo) to newcomers while no real workshop exists; the operator
# turns the offer off with CVM_DEMO_OFFER=off (docs/deploy.md).
DEMO_OFFER_ENV = "CVM_DEMO_OFFER"
_OFF = frozenset({"0", "off", "false", "no"})


def demo_offer() -> bool:
    """Whether the demo may be offered (read from the environment each time, so a test can switch it)."""
    return os.environ.get(DEMO_OFFER_ENV, "on").strip().lower() not in _OFF
