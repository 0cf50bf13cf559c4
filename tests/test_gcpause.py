"""The collector pause around bulk builds: it holds inside, and the state before comes back."""

import gc
import threading

import pytest

from skillterms.gcpause import gc_paused


@pytest.fixture(autouse=True)
def collector_enabled():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_the_collector_waits_inside_and_runs_again_after():
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_nested_pause_ends_with_the_outermost():
    with gc_paused():
        with gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_ends_the_pause():
    with pytest.raises(ValueError):
        with gc_paused():
            raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled():
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_as_a_decorator_each_call_pauses_anew():
    @gc_paused()
    def build():
        return gc.isenabled()

    assert build() is False and build() is False
    assert gc.isenabled()


def test_threads_that_build_at_once_share_one_pause():
    inside, release = threading.Barrier(2), threading.Event()
    states = []

    def build():
        with gc_paused():
            inside.wait()
            release.wait()
        states.append(gc.isenabled())

    first = threading.Thread(target=build)
    first.start()
    with gc_paused():
        inside.wait()
        release.set()
        first.join()
        states.append(gc.isenabled())  # the other build ended; this one still holds the pause
    assert states == [False, False]
    assert gc.isenabled()
