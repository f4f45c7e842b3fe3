"""The cyclic collector is paused while big structures are built, and comes back on only when
the last of any overlapping builds ends, in the state it had before."""

from __future__ import annotations

import gc
import threading

from pingan_writer.gcpause import collector_paused


def test_overlapping_builds_in_two_threads_keep_it_off_until_the_last_ends():
    assert gc.isenabled()
    inside, release = threading.Event(), threading.Event()

    def other_build():
        with collector_paused():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=other_build)
    with collector_paused():
        worker.start()
        inside.wait(5)
    assert not gc.isenabled()  # the other build has not ended yet
    release.set()
    worker.join(5)
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
