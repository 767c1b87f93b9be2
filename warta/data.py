"""The site's data files: election stages (tahapan) and known agencies (lembaga)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel.dates import format_date

from warta.agency_hints import AgencyHints
from warta.characters import find_invalid, visible
from warta.dates import LOCALE, parse_moment
from warta.diagnostics import Diagnostics, did_you_mean
from warta.layout import FOLDER, SiteLayout
from warta.limits import MAX_DATA_BYTES, TooLarge, read_bounded
from warta.registry import AGENCIES, STAGES, entry_url
from warta.slugs import is_plain_slug, make_slug
from warta.yamlsource import LineList, LineMap, YamlProblem, parse_yaml

# In the order the agency index lists them: the election's organisers, its participants (parties,
# candidate pairs), courts and ethics bodies (MK, DKPP, PN, PTUN), security, government, society.
AGENCY_KINDS = ("penyelenggara", "peserta", "peradilan", "keamanan", "pemerintah", "masyarakat")
OTHER_KIND = "lainnya"
# Words writers reach for instead of a kind, for the "did you mean" hint.
_KIND_WORDS = {
    "peserta": ("partai", "parpol", "partai politik", "paslon", "pasangan calon", "calon", "kandidat", "peserta pemilu"),
    "peradilan": ("pengadilan", "mahkamah", "etik", "hukum", "yudikatif", "penegak hukum"),
    "penyelenggara": ("pengawas", "pengawasan", "kpu", "bawaslu", "penyelenggara pemilu"),
    "keamanan": ("polisi", "kepolisian", "tni", "militer", "aparat"),
    "pemerintah": ("pemda", "pemkot", "pemkab", "dinas", "kementerian", "lembaga negara"),
    "masyarakat": ("ormas", "media", "pers", "kampus", "warga", "tokoh"),
}


# What a dated stage is on the build date: its status word, and the text that says it (never colour alone).
IN_PROGRESS, DONE, UPCOMING = "berlangsung", "selesai", "akan-datang"
STATUS_LABELS = {IN_PROGRESS: "Sedang berlangsung", DONE: "Selesai", UPCOMING: "Akan datang"}


@dataclass(frozen=True)
class Stage:
    slug: str
    nama: str
    keterangan: str
    position: int
    mulai: date | None = None  # first day of the stage in the official schedule, when data/tahapan.yaml gives it
    selesai: date | None = None  # last day (inclusive)

    @property
    def name(self) -> str:
        return self.nama

    @property
    def url(self) -> str:
        return entry_url(STAGES, self.slug)

    @property
    def dated(self) -> bool:
        return self.mulai is not None or self.selesai is not None

    def status(self, today: date) -> str | None:
        """IN_PROGRESS from `mulai` to `selesai` (either end open when not given), DONE after, UPCOMING before;
        None for a stage without dates."""
        if not self.dated:
            return None
        if self.mulai is not None and today < self.mulai:
            return UPCOMING
        if self.selesai is not None and today > self.selesai:
            return DONE
        return IN_PROGRESS

    @property
    def period(self) -> str:
        """'24 Juni – 24 Juli 2024', '1 – 5 Juli 2024', 'mulai 24 Juni 2024', 'sampai 24 Juli 2024' or ''."""
        return period_text(self.mulai, self.selesai)


def period_text(first: date | None, last: date | None) -> str:
    def day(value: date, pattern: str) -> str:
        return format_date(value, pattern, locale=LOCALE)

    if first is None and last is None:
        return ""
    if first is None:
        return f"sampai {day(last, 'd MMMM y')}"  # type: ignore[arg-type]
    if last is None:
        return f"mulai {day(first, 'd MMMM y')}"
    if first == last:
        return day(first, "d MMMM y")
    if first.year != last.year:
        return f"{day(first, 'd MMMM y')} – {day(last, 'd MMMM y')}"
    if first.month != last.month:
        return f"{day(first, 'd MMMM')} – {day(last, 'd MMMM y')}"
    return f"{first.day} – {day(last, 'd MMMM y')}"


@dataclass(frozen=True)
class Agency:
    slug: str
    nama: str
    jenis: str
    singkatan: str | None = None
    aliases: tuple[str, ...] = ()
    known: bool = True

    @property
    def name(self) -> str:
        return self.nama

    @property
    def url(self) -> str:
        return entry_url(AGENCIES, self.slug)


class AgencyDirectory:
    """Finds the canonical agency for a name, singkatan or alias, ignoring case."""

    def __init__(self, agencies: list[Agency]):
        self.agencies = agencies
        self._by_name: dict[str, Agency] = {}
        for agency in agencies:
            for name in (agency.nama, agency.singkatan, *agency.aliases):
                if name:
                    self._by_name.setdefault(_key(name), agency)
                    self._by_name.setdefault(make_slug(name), agency)
            self._by_name.setdefault(agency.slug, agency)

    def resolve(self, name: str) -> Agency | None:
        return self._by_name.get(_key(name)) or self._by_name.get(make_slug(name))

    def names(self) -> list[str]:
        return sorted({n for a in self.agencies for n in (a.nama, a.singkatan, *a.aliases) if n})

    def suggest(self, name: str) -> str | None:
        """The known name, singkatan or alias an unknown `name` was most likely meant to be (see agency_hints.py)."""
        hints = self.__dict__.get("_hints")
        if hints is None:  # made on first use, in the process that reports: workers never need it
            hints = self._hints = AgencyHints(self.names())
        return hints.suggest(name)


@dataclass(frozen=True)
class SiteData:
    stages: tuple[Stage, ...]
    agencies: AgencyDirectory

    def stage(self, name: str) -> Stage | None:
        """The stage with this slug, or whose name is this (ignoring case and spacing)."""
        by_name = self.__dict__.get("_stage_names")
        if by_name is None:
            by_name = {}
            for stage in self.stages:
                by_name.setdefault(_key(stage.nama), stage)
                by_name[stage.slug] = stage
            object.__setattr__(self, "_stage_names", by_name)
        return by_name.get(name) or by_name.get(_key(name)) or by_name.get(make_slug(name))


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def load_data(layout: SiteLayout, diagnostics: Diagnostics) -> SiteData:
    return SiteData(
        stages=tuple(_load_stages(layout.data_file("tahapan.yaml"), layout, diagnostics)),
        agencies=AgencyDirectory(_load_agencies(layout.data_file("lembaga.yaml"), layout, diagnostics)),
    )


def _read_list(path: Path, layout: SiteLayout, shown: str, diagnostics: Diagnostics) -> LineList | None:
    found = layout.examine(path)  # only a regular file inside the site folder is ever opened
    if not found.is_file:
        problem = found.problem or ("berupa folder, bukan berkas" if found.kind == FOLDER else
                                    "tautan simbolik rusak: berkas tujuannya tidak ada")
        diagnostics.error(shown, None, problem)
        return None
    items = _parse_list(path, shown, diagnostics)
    if items is not None and not items:
        diagnostics.warning(shown, None, "berkas ini kosong; tidak ada isi yang dipakai")
    return items


def _parse_list(path: Path, shown: str, diagnostics: Diagnostics) -> LineList | None:
    try:
        raw, _ = read_bounded(path, MAX_DATA_BYTES)
    except TooLarge as large:
        diagnostics.error(shown, None, large.message("berkas data"))
        return None
    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        diagnostics.error(shown, line, "berkas bukan UTF-8; simpan ulang dengan encoding UTF-8")
        return None
    if found := find_invalid(text):
        # An error, not a removal as in posts: names and slugs here are matched by every post and are
        # edited rarely, by whoever runs the site; a warning would repeat on every writer's build.
        diagnostics.error(shown, found.line, found.refused())
        return None
    try:
        items = parse_yaml(text)
    except YamlProblem as problem:
        diagnostics.error(shown, problem.line, problem.message)
        return None
    if items is None:
        diagnostics.warning(shown, None, "berkas ini kosong; tidak ada isi yang dipakai")
        return None
    if not isinstance(items, LineList):
        diagnostics.error(shown, getattr(items, "line", 1), "isi berkas harus berupa daftar (setiap butir diawali '- ')")
        return None
    return items


def _entries(items: LineList | None, shown: str, keys: tuple[str, ...],
             diagnostics: Diagnostics) -> Iterator[tuple[int, LineMap]]:
    """Yields (line, mapping) for each well-formed entry, reporting the rest."""
    if items is None:
        return
    for line, item in zip(items.item_lines, items, strict=True):
        if not isinstance(item, LineMap):
            diagnostics.error(shown, line, "setiap butir harus berisi kunci seperti slug: dan nama:")
            continue
        for key, key_line in item.key_lines.items():
            if key not in keys:
                diagnostics.warning(shown, key_line, f"kunci '{key}' tidak dikenal{did_you_mean(str(key), keys)}")
        yield line, item


def _text(item: LineMap, key: str, shown: str, diagnostics: Diagnostics, required: bool = True) -> str | None:
    value = item.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            diagnostics.error(shown, item.line, f"'{key}' wajib diisi")
        return None
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        diagnostics.error(shown, item.line_of(key), f"'{key}' harus berupa teks")
        return None
    return str(value).strip()


def _slug(item: LineMap, shown: str, diagnostics: Diagnostics, seen: dict[str, int]) -> str | None:
    slug = _text(item, "slug", shown, diagnostics)
    if slug is None:
        return None
    if not is_plain_slug(slug):
        diagnostics.error(shown, item.line_of("slug"), f"slug '{visible(slug)}' hanya boleh berisi huruf kecil, angka dan "
                                                       f"tanda hubung (misalnya '{make_slug(slug)}')")
        return None
    if slug in seen:
        diagnostics.error(shown, item.line_of("slug"), f"slug '{slug}' sudah dipakai di baris {seen[slug]}")
        return None
    seen[slug] = item.line_of("slug")
    return slug


def _load_stages(path: Path, layout: SiteLayout, diagnostics: Diagnostics) -> list[Stage]:
    shown = layout.display(path)
    items = _read_list(path, layout, shown, diagnostics)
    stages: list[Stage] = []
    seen: dict[str, int] = {}
    for _, item in _entries(items, shown, ("slug", "nama", "keterangan", "mulai", "selesai"), diagnostics):
        slug = _slug(item, shown, diagnostics, seen)
        nama = _text(item, "nama", shown, diagnostics)
        keterangan = _text(item, "keterangan", shown, diagnostics, required=False) or ""
        mulai, mulai_ok = _day(item, "mulai", shown, diagnostics)
        selesai, selesai_ok = _day(item, "selesai", shown, diagnostics)
        if mulai is not None and selesai is not None and selesai < mulai:
            diagnostics.error(shown, item.line_of("selesai"), f"'selesai' ({period_text(selesai, selesai)}) lebih awal "
                              f"dari 'mulai' ({period_text(mulai, mulai)}); "
                              "tahapan harus selesai pada atau setelah hari mulainya")
            selesai_ok = False
        if slug and nama and mulai_ok and selesai_ok:
            stages.append(Stage(slug, nama, keterangan, len(stages), mulai, selesai))
    return stages


def _day(item: LineMap, key: str, shown: str, diagnostics: Diagnostics) -> tuple[date | None, bool]:
    """A stage's `mulai` or `selesai` as a day (None when not given), and whether it was readable."""
    value = item.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, True
    try:
        moment = parse_moment(value)
    except ValueError as reason:
        diagnostics.error(shown, item.line_of(key), f"'{key}' tidak valid: {reason}")
        return None, False
    if moment.has_time:
        diagnostics.error(shown, item.line_of(key), f"'{key}' cukup berisi tanggal tanpa jam, "
                          f"misalnya {key}: {moment.local.date().isoformat()}")
        return None, False
    return moment.local.date(), True


def _load_agencies(path: Path, layout: SiteLayout, diagnostics: Diagnostics) -> list[Agency]:
    shown = layout.display(path)
    items = _read_list(path, layout, shown, diagnostics)
    agencies: list[Agency] = []
    seen_slugs: dict[str, int] = {}
    seen_names: dict[str, tuple[str, int]] = {}
    keys = ("slug", "nama", "singkatan", "jenis", "alias")
    for line, item in _entries(items, shown, keys, diagnostics):
        slug = _slug(item, shown, diagnostics, seen_slugs)
        nama = _text(item, "nama", shown, diagnostics)
        singkatan = _text(item, "singkatan", shown, diagnostics, required=False)
        jenis = _text(item, "jenis", shown, diagnostics)
        jenis = jenis.casefold() if jenis is not None else None
        if jenis is not None and jenis not in AGENCY_KINDS:
            choices = ", ".join(AGENCY_KINDS)
            diagnostics.error(shown, item.line_of("jenis"),
                              f"jenis '{jenis}' tidak dikenal; pilih salah satu: {choices}{_kind_hint(jenis)}")
            jenis = None
        aliases = _aliases(item, shown, diagnostics)
        named = [("nama", nama), ("singkatan", singkatan), *(("alias", a) for a in aliases)]
        for key, name in named:
            if not name:
                continue
            owner = seen_names.get(_key(name))
            if owner and owner[0] != slug:
                diagnostics.error(shown, item.line_of(key), f"{key} '{name}' juga dipakai oleh lembaga berslug '{owner[0]}' "
                                                            f"(baris {owner[1]}); setiap nama, singkatan dan alias harus unik")
            elif slug:
                seen_names[_key(name)] = (slug, line)
        if slug and nama and jenis:
            agencies.append(Agency(slug, nama, jenis, singkatan, aliases))
    return agencies


def _kind_hint(jenis: str) -> str:
    """"; mungkin maksud Anda 'peserta'?" for 'partai', as for a misspelt kind."""
    for kind, words in _KIND_WORDS.items():
        if _key(jenis) in words:
            return f"; mungkin maksud Anda '{kind}'?"
    return did_you_mean(jenis, AGENCY_KINDS)


def _aliases(item: LineMap, shown: str, diagnostics: Diagnostics) -> tuple[str, ...]:
    raw = item.get("alias")
    if raw is None:
        return ()
    values = raw if isinstance(raw, list) else [raw]
    names = []
    for value in values:
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            names.append(str(value).strip())
        else:
            diagnostics.error(shown, item.line_of("alias"), "setiap 'alias' harus berupa teks")
    return tuple(names)
