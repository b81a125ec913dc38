import os
import signal
import subprocess
import sys
import time

import pytest

from redflags.pipeline.local import ordered_map


def _square(x):
    return x * x


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_ordered_map_keeps_input_order(workers):
    assert list(ordered_map(_square, range(1000), workers=workers, chunk=7)) == [x * x for x in range(1000)]


def test_ordered_map_streams_without_consuming_everything_first():
    consumed = []

    def items():
        for i in range(10_000):
            consumed.append(i)
            yield i

    it = ordered_map(_square, items(), workers=2, chunk=10)
    assert next(it) == 0
    time.sleep(0.2)  # give any read-ahead time to happen
    assert len(consumed) <= 4 * 2 * 10  # at most 4 chunks per worker in flight
    it.close()


SCRIPT = """
import sys, time
from redflags.pipeline.local import ordered_map
def slow(x):
    time.sleep(0.01)
    return x
for x in ordered_map(slow, range(100000), workers=2, chunk=4):
    if x == 10:
        print("running", flush=True)
"""


def _children(pid):
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = open(f"/proc/{pid}/stat").read().split()[2] if os.path.exists(f"/proc/{pid}/stat") else "X"
    return stat not in ("Z", "X")


def test_workers_end_when_the_parent_is_killed():
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "running"
    workers = _children(proc.pid)
    assert len(workers) == 2
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers)
