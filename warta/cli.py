"""The `warta` command. `python build.py ARGS` is the same as `warta ARGS`."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import NoReturn

from babel.numbers import format_decimal

from warta import __version__
from warta.argparse_id import ArgumentParser, indonesian_argparse, parse_args
from warta.dates import WIB, parse_day
from warta.diagnostics import BuildFailed
from warta.pipeline import BuildResult, build_site
from warta.site import BuildOptions

COMMANDS = ("build", "serve", "new", "check")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    stray = None
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        stray = args[0] if args and not args[0].startswith("-") else None
        args.insert(0, "build")
    with indonesian_argparse():
        parsed = parse_args(_parser(), args, stray)
    return parsed.run(parsed)


def run() -> NoReturn:
    """The `warta` command (and `python -m warta`, `python build.py`): `main`, then a prompt exit.

    A finished build leaves a large heap, and letting the interpreter free it object by object took
    50 ms (1,000 posts) to 120 ms (10,000) after the summary was printed. By then every file the
    command wrote is closed and its workers have ended, so only the output streams need flushing.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="warta",
        description="Warta: pembuat situs berita statis untuk Bawaslu. Tanpa perintah, menjalankan 'build' "
                    "(membangun situs).",
    )
    parser.add_argument("--version", action="version", version=f"warta {__version__}",
                        help="tampilkan versi Warta lalu keluar")
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH")
    build = commands.add_parser("build", help="membangun situs ke folder keluaran")
    build.add_argument("--site", default=".", metavar="FOLDER", help="folder situs (bawaan: folder saat ini)")
    build.add_argument("--output", metavar="FOLDER", help="folder keluaran (bawaan: FOLDER_SITUS/public)")
    build.add_argument("--base-url", metavar="URL", help="alamat situs, menggantikan base_url di site.toml")
    build.add_argument("--overwrite-output", action="store_true",
                       help="pakai folder keluaran yang berisi berkas lain: berkas Warta menimpa berkas bernama sama, "
                            "berkas lain tetap disimpan")
    build.add_argument("--drafts", action="store_true", help="ikut membangun berita berstatus draft")
    build.add_argument("--future", action="store_true", help="ikut membangun berita bertanggal di masa depan")
    build.add_argument("--quiet", action="store_true", help="hanya tampilkan galat")
    build.add_argument("--cache-dir", metavar="FOLDER", help="folder cache pembangunan (bawaan: di folder cache pengguna)")
    build.add_argument("--no-cache", action="store_true", help="bangun tanpa cache")
    build.add_argument("--jobs", type=_jobs, metavar="N", help="jumlah proses paralel (bawaan: semua inti prosesor)")
    build.add_argument("--profile", action="store_true", help="tampilkan lama setiap tahap pembangunan")
    build.add_argument("--no-search", action="store_true", help="bangun tanpa indeks pencarian")
    _date_option(build)
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="pratinjau langsung: bangun, sajikan, bangun ulang saat berkas berubah")
    serve.add_argument("--site", default=".", metavar="FOLDER", help="folder situs (bawaan: folder saat ini)")
    serve.add_argument("--port", type=_port, default=8000, help="port HTTP (bawaan: 8000)")
    serve.add_argument("--bind", default="127.0.0.1", metavar="ALAMAT", help="alamat yang didengarkan (bawaan: 127.0.0.1)")
    serve.add_argument("--output", metavar="FOLDER", help="folder pratinjau (bawaan: folder sementara)")
    serve.add_argument("--overwrite-output", action="store_true",
                       help="pakai folder pratinjau yang berisi berkas lain (berkas lain tetap disimpan)")
    serve.add_argument("--drafts", action="store_true", help="tampilkan juga berita draft")
    serve.add_argument("--future", action="store_true", help="tampilkan juga berita bertanggal di masa depan")
    serve.add_argument("--cache-dir", metavar="FOLDER", help="folder cache pembangunan")
    _date_option(serve)
    serve.set_defaults(run=_serve)

    new = commands.add_parser("new", help="membuat berkas berita baru di content/berita/ (atau jenis konten lain "
                                           "dengan --jenis) dengan front matter terisi")
    new.add_argument("title", metavar="JUDUL", help="judul berita, diapit tanda kutip")
    new.add_argument("--jenis", default="berita", metavar="JENIS",
                     help="jenis konten, misalnya cek-fakta, pengumuman, dokumen, agenda atau jenis yang ditulis "
                          "di [koleksi] site.toml; berkas ditulis ke content/JENIS/ (bawaan: berita)")
    new.add_argument("--site", default=".", metavar="FOLDER", help="folder situs (bawaan: folder saat ini)")
    new.add_argument("--tahapan", action="append", metavar="TAHAPAN",
                     help="slug atau nama tahapan; boleh diulang atau dipisah koma")
    new.add_argument("--lembaga", action="append", metavar="NAMA",
                     help="nama, singkatan atau alias lembaga; boleh diulang atau dipisah koma")
    new.add_argument("--tags", action="append", metavar="TAG", help="tag berita; boleh diulang atau dipisah koma")
    new.add_argument("--date", metavar="YYYY-MM-DD", help="tanggal berita (bawaan: hari ini, WIB)")
    new.set_defaults(run=_new)

    check = commands.add_parser(
        "check", help="memeriksa konfigurasi, data, setiap berita dan setiap tautan tanpa menulis ke folder situs")
    check.add_argument("--site", default=".", metavar="FOLDER", help="folder situs (bawaan: folder saat ini)")
    check.add_argument("--strict", action="store_true", help="peringatan juga membuat pemeriksaan gagal")
    _date_option(check)
    check.set_defaults(run=_check)
    return parser


def _date_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--tanggal", type=_day, metavar="YYYY-MM-DD",
                         help="bangun situs seperti pada tanggal ini (bawaan: SOURCE_DATE_EPOCH bila diisi, atau hari "
                              "ini WIB): menentukan berita terjadwal, pengumuman yang berakhir, agenda yang akan datang "
                              "dan tahapan yang sedang berjalan")


def _day(text: str) -> date:
    day = parse_day(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"tanggal harus ditulis YYYY-MM-DD, misalnya 2024-11-26, bukan '{text}'")
    return day


class BadEnvironment(Exception):
    pass


def build_moment(day: date | None) -> datetime | None:
    """The moment a build is for: the end of --tanggal's day in WIB, else SOURCE_DATE_EPOCH (the
    reproducible-builds convention: seconds since 1970, set by CI from the commit), else None (the clock).

    Read here, at the entry point, so the library never looks at the process environment for it.
    """
    if day is not None:
        return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=WIB)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    if not epoch.isdigit() or len(epoch) > 12:
        raise BadEnvironment(f"SOURCE_DATE_EPOCH harus berupa bilangan detik sejak 1 Januari 1970, bukan '{epoch}'")
    return datetime.fromtimestamp(int(epoch), WIB)


@contextmanager
def long_lived_heap() -> Iterator[None]:
    """Collect garbage less often while a build or preview runs.

    A build allocates millions of small objects and frees few of them in cycles: collecting after every
    700 allocations (the default) spent about 5% of a 10,000-post build walking objects that all live on.
    The setting is the process's, so it belongs to the command, not to the library.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def settle_heap() -> None:
    """`BuildOptions.settled`: what is read stays until the end, so the collector stops walking it.

    Frozen objects are also never touched by the collector in forked render workers, whose pages then
    stay shared with the parent instead of being copied on write; in the preview it removed a 200 ms
    pause per rebuild at 10,000 posts.
    """
    gc.freeze()


MAX_JOBS = 256  # far beyond any machine's cores; more would only fork processes that wait


def _whole_number(text: str, what: str, low: int, high: int) -> int:
    """An argparse `type=`: a message in Indonesian and exit 2 instead of a traceback later."""
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{what} harus bilangan bulat {low} sampai {high}, bukan '{text}'")
    return value


def _port(text: str) -> int:
    return _whole_number(text, "port", 1, 65535)


def _jobs(text: str) -> int:
    return _whole_number(text, "jumlah proses", 1, MAX_JOBS)


def _moment(args: argparse.Namespace) -> datetime | None:
    try:
        return build_moment(args.tanggal)
    except BadEnvironment as problem:
        print(f"warta: galat: {problem}", file=sys.stderr)
        raise SystemExit(2) from None


def _build(args: argparse.Namespace) -> int:
    options = BuildOptions(
        site=args.site, output=args.output, base_url=args.base_url, drafts=args.drafts, future=args.future,
        cache_dir=args.cache_dir, use_cache=not args.no_cache, jobs=args.jobs, search=not args.no_search,
        overwrite_output=args.overwrite_output, now=_moment(args), settled=settle_heap,
    )
    try:
        with long_lived_heap():
            result = build_site(options)
    except BuildFailed as failure:
        report = failure.diagnostics
        for problem in report.errors + ([] if args.quiet else report.warnings):
            print(problem.format(), file=sys.stderr)
        print(
            f"Pembangunan situs gagal: {len(report.errors)} galat, {len(report.warnings)} peringatan. "
            "Folder keluaran tidak diubah.",
            file=sys.stderr,
        )
        return 1
    if not args.quiet:
        for warning in result.warnings:
            print(warning.format(), file=sys.stderr)
        print(summary(result))
    if args.profile:
        print(profile(result))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from pathlib import Path

    from warta.serve import serve

    base_url = f"http://{'localhost' if args.bind in ('127.0.0.1', '::1') else args.bind}:{args.port}/"
    options = BuildOptions(site=args.site, base_url=base_url, drafts=args.drafts, future=args.future,
                           cache_dir=args.cache_dir, overwrite_output=args.overwrite_output, now=_moment(args),
                           settled=settle_heap)
    with long_lived_heap():
        return serve(options, args.port, args.bind, Path(args.output) if args.output else None)


def _new(args: argparse.Namespace) -> int:
    from warta.diagnostics import Diagnostics
    from warta.scaffold import NewPost, create_post, parse_day, split_names

    diagnostics = Diagnostics()
    day = parse_day(args.date, diagnostics)
    request = NewPost(title=args.title, site=args.site, stages=split_names(args.tahapan),
                      agencies=split_names(args.lembaga), tags=split_names(args.tags), day=day, kind=args.jenis)
    created = None if diagnostics.has_errors else create_post(request, diagnostics)
    for problem in diagnostics.errors + diagnostics.warnings:
        print(problem.format(), file=sys.stderr)
    if created is None:
        return 1
    print(created.shown)
    print(created.note)
    return 0


def _check(args: argparse.Namespace) -> int:
    import os

    from warta.check import CheckOptions, check_site, github_annotation

    report = check_site(CheckOptions(site=args.site, strict=args.strict, now=_moment(args)))
    problems = report.diagnostics.errors + report.diagnostics.warnings
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(github_annotation(problem, os.environ.get("GITHUB_WORKSPACE")))
    if not report.built:
        print("Tautan tidak diperiksa karena pembangunan situs gagal.", file=sys.stderr)
    print(report.summary())
    return 1 if report.failed(args.strict) else 0


def summary(result: BuildResult) -> str:
    seconds = format_decimal(round(result.seconds, 2), format="0.00", locale="id")
    skipped = []
    if result.skipped_drafts:
        skipped.append(f"{result.skipped_drafts} draft")
    if result.skipped_future:
        skipped.append(f"{result.skipped_future} terjadwal")
    skipped_text = f" ({', '.join(skipped)} dilewati)" if skipped else ""
    kinds = ", ".join(f"{count} {title.casefold()}" for title, count in result.kinds)  # news always first
    return (
        f"Selesai: {kinds}{skipped_text}, {result.pages} halaman mandiri, "
        f"{result.html_files} halaman HTML ({result.files} berkas, {result.written} ditulis ulang) di {result.output}, "
        f"{len(result.warnings)} peringatan, {seconds} detik."
    )


def profile(result: BuildResult) -> str:
    """Time per phase, like Zola's and Eleventy's build profiles."""
    width = max(len(name) for name in result.phases)
    lines = ["Waktu per tahap:"]
    for name, seconds in result.phases.items():
        milliseconds = format_decimal(round(seconds * 1000), format="#,##0", locale="id")
        lines.append(f"  {name.ljust(width)}  {milliseconds.rjust(7)} md")
    return "\n".join(lines)
