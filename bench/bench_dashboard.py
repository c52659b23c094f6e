"""Web benchmarks (not timed tests): the dashboard and the slider, three targets.

Runs the real view through Django's test client against SQLite in a temporary
data folder. Targets: dashboard p95 under 150 ms; slider under 200 ms.
Figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time

RUNS = 40


def main() -> None:
    os.environ["WAYHOME_DATA_DIR"] = tempfile.mkdtemp(prefix="wayhome-bench-")
    os.environ["WAYHOME_ALLOWED_HOSTS"] = "testserver"  # Django's test client's host name
    from wayhome.adapters.db import store

    store.setup()
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
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    report("dashboard", times)
    slider = []
    for i in range(RUNS):
        start = time.perf_counter()
        response = client.get(f"/p/{row.pk}/whatif/?m={(i % 85) - 24}")
        slider.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    report("slider (a sweep of 85 monthly return dates)", slider)


def report(what: str, times: list[float]) -> None:
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"{what}, 3 targets (IN, GB, DE), {len(times)} requests: median "
        f"{statistics.median(times):.1f} ms, p95 {p95:.1f} ms"
    )


if __name__ == "__main__":
    main()
