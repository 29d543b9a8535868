"""Profile every thread of a server started with this folder first on PYTHONPATH (bench_arrivals does so when
CVM_BENCH_PROFILE names a file): cProfile in each thread, the stats of all of them written there at exit."""

import atexit
import cProfile
import os
import threading

_OUT = os.environ.get("CVM_BENCH_PROFILE")
_profiles: list[cProfile.Profile] = []


def _start(*_: object) -> None:
    profile = cProfile.Profile()
    _profiles.append(profile)
    profile.enable()


def _dump() -> None:
    import pstats

    for profile in _profiles:
        profile.disable()
    if _profiles:
        stats = pstats.Stats(_profiles[0])
        for profile in _profiles[1:]:
            stats.add(profile)
        stats.dump_stats(_OUT)


if _OUT:
    threading.setprofile(_start)
    _start()
    atexit.register(_dump)
