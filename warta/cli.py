"""The `warta` command. `python build.py ARGS` is the same as `warta ARGS`."""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from babel.numbers import format_decimal

from warta import __version__
from warta.diagnostics import BuildFailed
from warta.pipeline import BuildOptions, BuildResult, build_site

COMMANDS = ("build", "serve")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "build")
    parsed = _parser().parse_args(args)
    return parsed.run(parsed)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="warta",
        description="Warta: pembuat situs berita statis untuk Bawaslu. Tanpa perintah, menjalankan 'build'.",
    )
    parser.add_argument("--version", action="version", version=f"warta {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH")
    build = commands.add_parser("build", help="membangun situs ke folder keluaran")
    build.add_argument("--site", default=".", metavar="FOLDER", help="folder situs (bawaan: folder saat ini)")
    build.add_argument("--output", metavar="FOLDER", help="folder keluaran (bawaan: FOLDER_SITUS/public)")
    build.add_argument("--base-url", metavar="URL", help="alamat situs, menggantikan base_url di site.toml")
    build.add_argument("--drafts", action="store_true", help="ikut membangun berita berstatus draft")
    build.add_argument("--future", action="store_true", help="ikut membangun berita bertanggal di masa depan")
    build.add_argument("--quiet", action="store_true", help="hanya tampilkan galat")
    build.add_argument("--cache-dir", metavar="FOLDER", help="folder cache build (bawaan: di folder cache pengguna)")
    build.add_argument("--no-cache", action="store_true", help="bangun tanpa cache")
    build.add_argument("--jobs", type=int, metavar="N", help="jumlah proses paralel (bawaan: semua inti prosesor)")
    build.add_argument("--profile", action="store_true", help="tampilkan waktu setiap tahap build")
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="pratinjau langsung: bangun, sajikan, bangun ulang saat berkas berubah")
    serve.add_argument("--site", default=".", metavar="FOLDER", help="folder situs (bawaan: folder saat ini)")
    serve.add_argument("--port", type=int, default=8000, help="port HTTP (bawaan: 8000)")
    serve.add_argument("--bind", default="127.0.0.1", metavar="ALAMAT", help="alamat yang didengarkan (bawaan: 127.0.0.1)")
    serve.add_argument("--output", metavar="FOLDER", help="folder pratinjau (bawaan: folder sementara)")
    serve.add_argument("--drafts", action="store_true", help="tampilkan juga berita draft")
    serve.add_argument("--future", action="store_true", help="tampilkan juga berita bertanggal di masa depan")
    serve.add_argument("--cache-dir", metavar="FOLDER", help="folder cache build")
    serve.set_defaults(run=_serve)
    return parser


def _build(args: argparse.Namespace) -> int:
    options = BuildOptions(
        site=args.site, output=args.output, base_url=args.base_url, drafts=args.drafts, future=args.future,
        cache_dir=args.cache_dir, use_cache=not args.no_cache, jobs=args.jobs,
    )
    try:
        result = build_site(options)
    except BuildFailed as failure:
        report = failure.diagnostics
        for problem in report.errors + ([] if args.quiet else report.warnings):
            print(problem.format(), file=sys.stderr)
        print(
            f"Build gagal: {len(report.errors)} galat, {len(report.warnings)} peringatan. "
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
                           cache_dir=args.cache_dir)
    return serve(options, args.port, args.bind, Path(args.output) if args.output else None)


def summary(result: BuildResult) -> str:
    seconds = format_decimal(round(result.seconds, 2), format="0.00", locale="id")
    skipped = []
    if result.skipped_drafts:
        skipped.append(f"{result.skipped_drafts} draft")
    if result.skipped_future:
        skipped.append(f"{result.skipped_future} terjadwal")
    skipped_text = f" ({', '.join(skipped)} dilewati)" if skipped else ""
    return (
        f"Selesai: {result.posts} berita{skipped_text}, {result.pages} halaman mandiri, "
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
