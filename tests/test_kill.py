"""A build killed at any instant leaves exactly the old site or exactly the new one.

The build runs as a real process and gets SIGKILL (no handler can run: as
when a CI runner is cancelled or the machine loses power after the page
cache is written) at instants spread over its whole run, from start-up to
after the end. After each kill the output folder must equal one of the two
complete sites, byte for byte; the next build must then produce the new site
and remove whatever the killed one left beside the output.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPO, Site, beside_output, post
from test_output_ownership import tree

_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
STAGES = ["pencalonan", "kampanye", "masa-tenang", "pemungutan-suara"]
AGENCIES = ["Bawaslu Kota Kediri", "KPU Kota Kediri", "Polres Kediri Kota", "Kodim 0809/Kediri"]


def _site(root: Path, edited: bool) -> Site:
    """About 130 posts (a few hundred pages); the edited version changes, adds and removes posts."""
    site = Site(root)
    site.config('title = "Bawaslu Kota Contoh"\nbase_url = "https://contoh.example/"\nper_page = 5\n')
    for n in range(130):
        if edited and n % 7 == 0:
            continue  # removed
        title = f"Rakor Pengawasan Tahapan Ke-{n}" + (" (Diperbarui)" if edited and n % 3 == 0 else "")
        site.write(f"content/berita/2024-{1 + n % 12:02d}-{1 + n % 28:02d}-rakor-{n}.md",
                   post(title=title, date=f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
                        body=f"Kota Kediri. Rapat koordinasi ke-{n} membahas pengawasan.\n\nParagraf kedua.",
                        tahapan=[STAGES[n % 4]], lembaga=[AGENCIES[n % 4]], tags=[f"tag{n % 9}"]))
    if edited:
        for n in range(130, 136):
            site.add_post(f"baru-{n}", title=f"Apel Siaga Ke-{n}", date="2024-11-20", tags=["apel"])
    return site


def _build(site: Site, output: Path, cache: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "warta", "build", "--site", str(site.root), "--output", str(output),
                             "--cache-dir", str(cache), "--no-search", "--quiet"], cwd=REPO, env=_ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _finish(site: Site, output: Path, cache: Path) -> float:
    started = time.perf_counter()
    process = _build(site, output, cache)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()
    return time.perf_counter() - started


def _leftovers(folder: Path) -> list[str]:
    return [name for name in beside_output(folder) if ".warta-baru-" in name or ".warta-lama-" in name]


def _restore(source: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, symlinks=True)  # copy2 keeps the mtimes the cache's manifest recorded


def test_a_build_killed_at_any_instant_leaves_the_old_or_the_new_site(tmp_path: Path):
    old_site, new_site = _site(tmp_path / "lama", False), _site(tmp_path / "baru", True)
    work = tmp_path / "kerja"
    work.mkdir()
    out, cache = work / "public", tmp_path / "cache"
    _finish(old_site, out, cache)
    old_tree = tree(out)
    assert sum(1 for p in old_tree if p.endswith(".html")) >= 200
    _restore(out, tmp_path / "public-lama")
    _restore(cache, tmp_path / "cache-lama")
    seconds = _finish(new_site, out, cache)
    new_tree = tree(out)
    assert old_tree != new_tree

    rng = random.Random(20241127)
    slots = 10
    outcomes = []

    def kill_after(delay: float) -> float:
        """Kill a build of the new site `delay` seconds after its start; check; finish; check. Returns how
        long the finishing build took, so that a machine that got slower stretches the next delays."""
        _restore(tmp_path / "public-lama", out)
        _restore(tmp_path / "cache-lama", cache)
        process = _build(new_site, out, cache)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        now = tree(out)
        assert now in (old_tree, new_tree), f"after a kill at {delay:.2f} s the output is neither site"
        outcomes.append("old" if now == old_tree else "new")
        took = _finish(new_site, out, cache)
        assert tree(out) == new_tree, f"the build after a kill at {delay:.2f} s did not give the new site"
        assert _leftovers(work) == [], f"left beside the output after a kill at {delay:.2f} s"
        return took

    for slot in range(slots):
        # Spread over start-up, reading, rendering, the exchange and after the end, jittered within each slot.
        seconds = max(seconds, kill_after(seconds * 1.4 * (slot + rng.random()) / slots))
    if "new" not in outcomes:  # the machine slowed down while the slots ran: one kill surely after the end
        kill_after(seconds * 3)
    assert "old" in outcomes and "new" in outcomes, outcomes


def test_workers_end_with_a_killed_build_and_print_nothing(tmp_path: Path):
    """SIGKILL reaches only the build process; its forked workers must not outlive it and print tracebacks."""
    site = _site(tmp_path / "situs", False)
    process = subprocess.Popen([sys.executable, "-m", "warta", "build", "--site", str(site.root), "--output",
                                str(tmp_path / "out"), "--no-cache", "--no-search", "--quiet", "--jobs", "2"],
                               cwd=REPO, env=_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    workers: list[str] = []
    while not workers and process.poll() is None and time.monotonic() < deadline:
        workers = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
        time.sleep(0.01)
    assert workers, "the build ended before it forked a worker"
    process.send_signal(signal.SIGKILL)
    _, err = process.communicate(timeout=60)  # returns once every holder of the stderr pipe is gone
    assert err.decode() == ""
    # A worker forked an instant before the kill ends as soon as its initializer runs: allow it a moment.
    alive = lambda pid: Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()
    deadline = time.monotonic() + 5
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(w) for w in workers)
