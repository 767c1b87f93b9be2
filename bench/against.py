"""Benchmark: this checkout's Warta against the Warta of an earlier commit, on the same corpus, in one run.

    python bench/against.py --ref d59f973 [--posts 1000] [--posts 10000] [--rounds 5] [--flavour both|known|unknown]
                            [--photos 40] [--instructions]

Checks out `--ref` into bench/.work/ref-<commit> (a detached git worktree), writes the corpus of
bench/corpus.py (news only: what every existing site builds), then builds it cold (empty cache,
no search index, one process per build) with both versions in turn, `--rounds` times, and prints
the medians and their ratio. Taking turns spreads a shared machine's noise over both versions;
the ratio, not the seconds, is what to compare. The outputs of both are also compared file by file:
a refactoring must not change a byte of a news-only site.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / ".work"
sys.path.insert(0, str(REPO))

from bench.corpus import write_site  # noqa: E402


def checkout(ref: str) -> Path:
    commit = subprocess.run(["git", "rev-parse", "--short", ref], cwd=REPO, check=True, capture_output=True,
                            text=True).stdout.strip()
    tree = WORK / f"ref-{commit}"
    if not tree.exists():
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), commit], cwd=REPO, check=True,
                       capture_output=True)
    return tree


def build(code: Path, site: Path, output: Path, cache: Path) -> tuple[float, float]:
    """(wall seconds, user CPU seconds of the build and its workers): on a shared machine the wall clock
    also counts waiting for a busy disk, and system time the kernel's reclaiming of memory; the time spent
    running Warta's own code varies much less."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    env.pop("SOURCE_DATE_EPOCH", None)
    shutil.rmtree(output, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "warta", "build", "--site", str(site), "--output", str(output),
                    "--cache-dir", str(cache), "--no-search", "--quiet", "--overwrite-output"],
                   cwd=code, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime


def instructions(code: Path, site: Path, output: Path) -> int:
    """Machine instructions of one cold build in one process, counted by valgrind: the same input gives
    the same count on any load, so a small difference between two versions is a real one."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    env.pop("SOURCE_DATE_EPOCH", None)
    shutil.rmtree(output, ignore_errors=True)
    log = output.parent / f"{output.name}.callgrind"
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={log}.out", f"--log-file={log}.log",
               os.path.realpath(sys.executable), "-m", "warta", "build", "--site", str(site), "--output", str(output),
               "--no-cache", "--no-search", "--quiet", "--jobs", "1"]
    subprocess.run(command, cwd=code, env=env, check=True, stdout=subprocess.DEVNULL)
    found = re.search(r"Collected : (\d+)", Path(f"{log}.log").read_text())
    if found is None:
        raise SystemExit(f"valgrind gave no count: see {log}.log")
    return int(found.group(1))


def differing(left: Path, right: Path) -> list[str]:
    """Relative paths present on one side only or with other bytes (the manifest names its own cache)."""
    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} - {".warta-manifest.json"}

    mine, theirs = files(left), files(right)
    different = sorted(mine ^ theirs)
    different += sorted(p for p in mine & theirs if not filecmp.cmp(left / p, right / p, shallow=False))
    return different


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", required=True, help="the commit to compare against")
    parser.add_argument("--posts", type=int, action="append", help="corpus size (repeatable); default 1000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--flavour", choices=("both", "known", "unknown"), default="both")
    parser.add_argument("--photos", type=int, default=0,
                        help="camera-sized JPEGs in the corpus, the featured photo of 70%% of the posts (see corpus.py)")
    parser.add_argument("--instructions", action="store_true",
                        help="also count each version's instructions for one build with valgrind (slow: minutes)")
    args = parser.parse_args()
    reference = checkout(args.ref)
    flavours = ["known", "unknown"] if args.flavour == "both" else [args.flavour]
    for posts in args.posts or [1000]:
        for flavour in flavours:
            root = WORK / f"against-{posts}-{flavour}-{args.photos}"
            site = root / "site"
            write_site(site, posts, flavour=flavour, photos=args.photos)
            times: dict[str, list[float]] = {"ref": [], "now": []}
            cpu: dict[str, list[float]] = {"ref": [], "now": []}
            for round_ in range(args.rounds):
                order = (("ref", reference), ("now", REPO)) if round_ % 2 == 0 else (("now", REPO), ("ref", reference))
                for name, code in order:
                    cache = root / f"cache-{name}-{round_}"
                    wall, used = build(code, site, root / f"out-{name}", cache)
                    times[name].append(wall)
                    cpu[name].append(used)
            ref, now = statistics.median(times["ref"]), statistics.median(times["now"])
            ref_cpu, now_cpu = statistics.median(cpu["ref"]), statistics.median(cpu["now"])
            changed = differing(root / "out-ref", root / "out-now")
            pictured = f", {args.photos} photos" if args.photos else ""
            print(f"{posts} posts{pictured}, {flavour} agencies: reference {args.ref} {ref:.2f} s, this checkout {now:.2f} s, "
                  f"wall ratio {now / ref:.3f} (medians of {args.rounds} cold builds each)")
            print(f"  user CPU time: reference {ref_cpu:.2f} s, this checkout {now_cpu:.2f} s, ratio {now_cpu / ref_cpu:.3f}")
            print(f"  runs ref: {', '.join(f'{t:.2f}' for t in times['ref'])}; "
                  f"now: {', '.join(f'{t:.2f}' for t in times['now'])}")
            if args.instructions:
                counted = {name: instructions(code, site, root / f"valgrind-{name}")
                           for name, code in (("ref", reference), ("now", REPO))}
                print(f"  instructions (valgrind, --jobs 1): reference {counted['ref']:,}, this checkout "
                      f"{counted['now']:,}, ratio {counted['now'] / counted['ref']:.3f}")
            print(f"  output: {'byte-identical' if not changed else f'{len(changed)} files differ, e.g. {changed[:3]}'}")


if __name__ == "__main__":
    main()
