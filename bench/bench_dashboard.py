"""Web benchmarks (not timed tests): the dashboard and the slider, three targets.

Runs the real view through Django's test client against SQLite in a temporary
data folder: the dashboard computes the verdict (a card per target, the next actions,
the US clocks) and the evidenced readiness on every request, with no cache that could
show a stale answer. Targets: dashboard p95 under 150 ms; slider under 200 ms.
Figures go in docs/benchmarks.md. Quick mode (WAYHOME_BENCH_QUICK=1, bench/quick.py):
3 requests each, to show it runs, not to measure.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from typing import Any

from bench.quick import say_quick, sized

RUNS = sized(40, 3)


def main() -> None:
    say_quick()
    os.environ["WAYHOME_DATA_DIR"] = tempfile.mkdtemp(prefix="wayhome-bench-")
    os.environ["WAYHOME_ALLOWED_HOSTS"] = "testserver"  # Django's test client's host name
    from wayhome.adapters.db import store

    store.setup("wayhome.web.settings")  # sessions: the web app's settings
    from django.test import Client

    from wayhome.adapters.db.models import StoredProfile
    from wayhome.adapters.profiles import example_path, load_profile, to_data

    user = store.local_account()
    profile, _ = load_profile(example_path("cardiology-in"))
    data = to_data(profile)
    data["plan"]["targets"] = ["IN", "GB", "DE"]
    row, _ = StoredProfile.objects.update_or_create(owner=user, defaults={"data": data})
    client = Client()
    client.force_login(user)
    url = f"/p/{row.pk}/"
    assert client.get(url).status_code == 200  # warm-up
    assert b'class="vcard' in client.get(url).content  # the verdict's cards are on it
    report("dashboard", [timed(client, url) for _ in range(RUNS)])
    slider = [timed(client, f"/p/{row.pk}/whatif/?m={(i % 85) - 24}") for i in range(RUNS)]
    report("slider (a sweep of 85 monthly return dates)", slider)


def timed(client: Any, url: str) -> tuple[float, float]:
    """One request: (wall-clock ms, this process's CPU ms). On a shared machine the CPU
    time says what the request costs when the wall clock counts others' work too."""
    wall, cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    out = ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)
    assert response.status_code == 200
    return out


def report(what: str, runs: list[tuple[float, float]]) -> None:
    walls = sorted(w for w, _ in runs)
    p95 = walls[int(0.95 * (len(walls) - 1))]
    cpu = statistics.median(c for _, c in runs)
    print(
        f"{what}, 3 targets (IN, GB, DE), {len(runs)} requests: median "
        f"{statistics.median(walls):.1f} ms, p95 {p95:.1f} ms (CPU median {cpu:.1f} ms)"
    )


if __name__ == "__main__":
    main()
