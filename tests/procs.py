"""Waiting on real processes with bounded waits (the kill tests, embedded and Neo4j)."""
import os
import time


def group_gone(pgid: int, within: float) -> bool:
    """Whether every process of a process group has exited within `within` seconds."""
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False
