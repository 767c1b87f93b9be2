"""The build cache: converted Markdown bodies, compiled templates and the manifest of the last output.

Keyed by content hash and by what produced the entry (Warta's own code and
the versions of the libraries that shape output, see provenance.py), so a
stale entry can never be used for changed input or changed code; any sign of a damaged cache (an unreadable database, bad
JSON) discards it and the build carries on as a clean build. Safe to delete
at any time. By default it lives outside the site folder (the site folder is
never written to), in the user's cache directory; `--cache-dir` or
WARTA_CACHE_DIR put it elsewhere, for example where CI keeps caches.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from jinja2.bccache import Bucket

from warta.manifest import Manifest
from warta.markdown_html import RenderedBody
from warta.provenance import producer

_SCHEMA = 1


def default_cache_dir(site_root: Path) -> Path:
    base = os.environ.get("WARTA_CACHE_DIR")
    if base:
        root = Path(base)
    elif os.environ.get("XDG_CACHE_HOME"):
        root = Path(os.environ["XDG_CACHE_HOME"]) / "warta"
    else:
        try:
            root = Path.home() / ".cache" / "warta"
        except RuntimeError:  # no home directory (some CI containers): a cache is optional
            root = Path(tempfile.gettempdir()) / "warta-cache"
    return root / hashlib.blake2b(str(site_root.resolve()).encode(), digest_size=8).hexdigest()


def body_key(text: str, base_path: str) -> str:
    """What a converted body depends on: its Markdown, the base path, and the code that converts it."""
    return hashlib.blake2b(f"{producer()}\0{_SCHEMA}\0{base_path}\0{text}".encode("utf-8", "surrogatepass"),
                           digest_size=20).hexdigest()


class _TemplateCache(FileSystemBytecodeCache):
    """Jinja's compiled templates on disk; a folder that cannot be written only means compiling again."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


class BuildCache:
    """Never raises for cache trouble: a broken cache behaves as an empty one."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self._db: sqlite3.Connection | None = None

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def _connect(self) -> sqlite3.Connection | None:
        if self.folder is None:
            return None
        if self._db is None:
            path = self.folder / "bodies.sqlite"
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(path)
                self._db.execute("CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                self._db.execute("SELECT count(*) FROM bodies").fetchone()
            except (sqlite3.Error, OSError):
                self._discard()
        return self._db

    def _discard(self) -> None:
        """Throw a damaged database away and start empty (or give up on caching)."""
        if self._db is not None:
            self._db.close()
            self._db = None
        if self.folder is None:
            return
        try:
            (self.folder / "bodies.sqlite").unlink(missing_ok=True)
            self._db = sqlite3.connect(self.folder / "bodies.sqlite")
            self._db.execute("CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        except (sqlite3.Error, OSError):
            self.folder = None
            self._db = None

    def bodies(self, keys: list[str] | None = None) -> dict[str, RenderedBody]:
        """The cached bodies for `keys`, or every cached body when `keys` is None."""
        db = self._connect()
        found: dict[str, RenderedBody] = {}
        if db is None:
            return found
        try:
            if keys is None:
                rows = db.execute("SELECT key, value FROM bodies").fetchall()
            else:
                rows = []
                for start in range(0, len(keys), 500):
                    batch = keys[start : start + 500]
                    marks = ",".join("?" * len(batch))
                    rows += db.execute(f"SELECT key, value FROM bodies WHERE key IN ({marks})", batch).fetchall()
            for key, value in rows:
                html, first, words = json.loads(value)
                found[key] = RenderedBody(html, first, int(words))
        except (sqlite3.Error, ValueError, TypeError):
            self._discard()
            return {}
        return found

    def store_bodies(self, bodies: dict[str, RenderedBody], keep: set[str]) -> None:
        """Add new bodies and forget the ones no document uses any more."""
        db = self._connect()
        if db is None:
            return
        try:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO bodies (key, value) VALUES (?, ?)",
                    [(k, json.dumps([b.html, b.first_paragraph, b.words])) for k, b in bodies.items()],
                )
                if keep:
                    db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY)")
                    db.execute("DELETE FROM keep")
                    db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", [(k,) for k in keep])
                    db.execute("DELETE FROM bodies WHERE key NOT IN (SELECT key FROM keep)")
        except sqlite3.Error:
            self._discard()

    def templates(self, *depends_on: str) -> FileSystemBytecodeCache | None:
        """Where compiled templates are kept (Jinja checks each against its source and its own version),
        in a folder per producer (Warta's code, the libraries' versions): the compiler's output depends on them.

        `depends_on` names what the compiled code may have folded in besides the source: Jinja evaluates
        filters on constants at compile time, so `'/css/warta.css' | url` holds the site's base path.
        """
        if self.folder is None:
            return None
        key = hashlib.blake2b("\0".join((producer(), *depends_on)).encode(), digest_size=8).hexdigest()
        folder = self.folder / "templates" / key
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return _TemplateCache(str(folder))

    def _manifest_path(self, output: Path) -> Path | None:
        if self.folder is None:
            return None
        name = hashlib.blake2b(str(output.resolve()).encode(), digest_size=8).hexdigest()
        return self.folder / f"manifest-{name}.json"

    def manifest(self, output: Path) -> Manifest | None:
        path = self._manifest_path(output)
        if path is None or not path.is_file():
            return None
        try:
            return Manifest.from_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, TypeError, KeyError, RecursionError):
            path.unlink(missing_ok=True)
            return None

    def save_manifest(self, output: Path, manifest: Manifest) -> None:
        path = self._manifest_path(output)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp")
            temporary.write_text(manifest.to_json(), encoding="utf-8")
            os.replace(temporary, path)
        except OSError:
            pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
