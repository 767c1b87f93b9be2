"""The Cek Fakta kind (content/cek-fakta/): a claim that circulated, and the office's verdict on it.

A fact check adds four front-matter keys to news: `klaim` (the claim as it circulated, required),
`penilaian` (the verdict, required, one of five), `sumber_klaim` (the web addresses where the claim
appeared, the first being its first appearance) and `tanggal_klaim` (when it circulated). Its page opens
with a verdict box (cek-fakta.html); cards carry the verdict as a badge; search engines get a
schema.org `ClaimReview`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from markupsafe import Markup

from warta.characters import visible
from warta.dates import Moment, long_date, parse_moment
from warta.diagnostics import closest
from warta.kinds import KindRules

if TYPE_CHECKING:
    from warta.config import SiteConfig
    from warta.content import FieldReader, Media, Post
    from warta.sharing import SitePictures


@dataclass(frozen=True)
class Verdict:
    """One of the five verdicts: its slug (as written), its label (as shown) and its place on the
    1..5 truth scale of schema.org's `Rating` as Google documents it for ClaimReview
    (1 false, 2 mostly false, 3 half true, 4 mostly true, 5 true)."""

    slug: str
    label: str
    rating: int


# Tidak Terbukti rates 2: a claim passed around as fact without any evidence for it is, as a statement
# of fact, mostly false; its own label (alternateName) says what it is. Nothing uses 4 (mostly true).
VERDICTS = (
    Verdict("salah", "Salah", 1),
    Verdict("menyesatkan", "Menyesatkan", 2),
    Verdict("sebagian-benar", "Sebagian Benar", 3),
    Verdict("benar", "Benar", 5),
    Verdict("tidak-terbukti", "Tidak Terbukti", 2),
)
BEST_RATING, WORST_RATING = 5, 1
_BY_SLUG = {verdict.slug: verdict for verdict in VERDICTS}
CHOICES = ", ".join(v.slug for v in VERDICTS[:-1]) + " atau " + VERDICTS[-1].slug
# Words fact-checkers and writers use for a verdict that is not one of Warta's five, to the one it means.
# They are not accepted (the label a reader sees must be one of the five), but the error names the right one.
SYNONYMS = {
    "hoaks": "salah", "hoax": "salah", "hoaxs": "salah", "hoaks-hoax": "salah", "bohong": "salah",
    "palsu": "salah", "keliru": "salah", "fitnah": "salah", "tidak-benar": "salah", "tak-benar": "salah",
    "false": "salah", "fake": "salah", "disinformasi": "salah", "misinformasi": "salah",
    "sesat": "menyesatkan", "misleading": "menyesatkan", "konteks-keliru": "menyesatkan",
    "konteks-salah": "menyesatkan", "dipelintir": "menyesatkan", "manipulasi": "menyesatkan",
    "separuh-benar": "sebagian-benar", "setengah-benar": "sebagian-benar", "sebagian": "sebagian-benar",
    "sebagian-salah": "sebagian-benar", "half-true": "sebagian-benar",
    "fakta": "benar", "betul": "benar", "true": "benar", "asli": "benar", "sahih": "benar",
    "belum-terbukti": "tidak-terbukti", "tak-terbukti": "tidak-terbukti", "unproven": "tidak-terbukti",
    "tidak-dapat-dibuktikan": "tidak-terbukti", "belum-jelas": "tidak-terbukti", "tidak-jelas": "tidak-terbukti",
}
_NOT_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class FactCheck:
    """What a fact check adds to news (`post.details`)."""

    claim: str  # the claim as it circulated
    verdict: Verdict
    sources: tuple[str, ...] = ()  # http(s) addresses where it appeared, its first appearance first
    claimed: Moment | None = None  # when it circulated

    @property
    def badge(self) -> tuple[str, str]:
        """(label, modifier) for cards: ("Salah", "salah")."""
        return self.verdict.label, self.verdict.slug


def verdict_slug(written: str) -> str:
    """'Sebagian Benar', 'SEBAGIAN_BENAR' and 'sebagian-benar' are the same verdict: 'sebagian-benar'."""
    return _NOT_WORD.sub("-", written.casefold()).strip("-")


def unknown_verdict(written: str) -> str:
    """The message for a verdict that is not one of the five, naming the one it probably means."""
    slug = verdict_slug(written)
    meant = SYNONYMS.get(slug)
    if meant is not None:
        hint = f"; untuk {visible(written)}, tulis penilaian: {meant}"
    else:
        guess = closest(slug, list(_BY_SLUG) + list(SYNONYMS)) if slug else None
        guess = SYNONYMS.get(guess, guess) if guess else None
        hint = f"; mungkin maksud Anda '{guess}'?" if guess else ""
    return f"penilaian '{visible(written)}' tidak dikenal (pilihan: {CHOICES}){hint}"


def _verdict(fields: FieldReader) -> Verdict | None:
    if isinstance(fields.meta.get("penilaian"), list):
        fields.error("penilaian", "'penilaian' hanya satu, ditulis tanpa kurung siku, misalnya penilaian: salah")
        return None
    written = fields.text("penilaian", required=True, example=f", misalnya penilaian: salah (pilihan: {CHOICES})")
    if written is None:
        return None
    verdict = _BY_SLUG.get(verdict_slug(written))
    if verdict is None:
        fields.error("penilaian", unknown_verdict(written))
    return verdict


def _web_address(text: str) -> bool:
    if any(c.isspace() for c in text):
        return False
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _sources(fields: FieldReader) -> tuple[str, ...]:
    found: list[str] = []
    # A web address may hold a comma: each list item is one address.
    for address, line in fields.words("sumber_klaim", whole=lambda _: True, noun="alamat"):
        if _web_address(address):
            if address not in found:
                found.append(address)
            continue
        shown = visible(address)
        if _web_address("https://" + address) and "." in (urlsplit("https://" + address).hostname or ""):
            fix = f"tulis alamat lengkap dengan https:// di depannya: https://{shown}"
        else:
            fix = "tulis alamat web lengkap yang diawali https:// tempat klaim itu beredar, misalnya https://www.facebook.com/..."
        fields.error("sumber_klaim", f"sumber_klaim '{shown}' bukan alamat web; {fix}", line)
    return tuple(found)


def _claim_date(fields: FieldReader) -> Moment | None:
    claimed = fields.moment("tanggal_klaim")
    if claimed is None:
        return None
    try:
        published = parse_moment(fields.meta.get("date"))
    except ValueError:  # no date, or a wrong one: reported with `date`
        return claimed
    if claimed.value.date() > published.value.date():
        fields.warning("tanggal_klaim", f"tanggal_klaim {long_date(claimed)} sesudah tanggal cek fakta "
                                        f"{long_date(published)}; apakah kedua tanggal tertukar?")
    return claimed


class FactCheckRules(KindRules):
    name = "cek-fakta"
    title = "Cek Fakta"
    description = "Hasil pemeriksaan fakta atas klaim dan kabar bohong seputar pemilihan."
    on_home = True
    in_archive = True
    keys = ("klaim", "penilaian", "sumber_klaim", "tanggal_klaim")
    required = ("klaim", "penilaian")
    key_words = {
        **dict.fromkeys(("isi_klaim", "klaim_beredar", "claim", "hoaks", "kabar"), "klaim"),
        **dict.fromkeys(("hasil", "hasil_cek", "hasil_pemeriksaan", "putusan", "vonis", "status", "nilai",
                         "kesimpulan", "verdict", "rating"), "penilaian"),
        **dict.fromkeys(("sumber", "sumber_hoaks", "sumber_asli", "tautan", "tautan_klaim", "link", "url",
                         "source"), "sumber_klaim"),
        **dict.fromkeys(("tanggal_beredar", "tanggal_hoaks", "beredar", "claim_date"), "tanggal_klaim"),
    }

    def read(self, fields: FieldReader, media: Media | None) -> FactCheck | None:
        claim = fields.text("klaim", required=True, example=": tulis klaim persis seperti yang beredar, "
                                                           'misalnya klaim: "Pemilih wajib membawa fotokopi KTP ke TPS"')
        verdict = _verdict(fields)
        sources = _sources(fields)
        claimed = _claim_date(fields)
        if claim is None or verdict is None:
            return None
        return FactCheck(claim, verdict, sources, claimed)

    def template_globals(self, config: SiteConfig, pictures: SitePictures) -> dict[str, Callable[..., Any]]:
        return {"cek_fakta_jsonld": partial(claim_review_jsonld, config, pictures)}

    def admin_fields(self) -> list[dict[str, Any]]:
        return [
            {"name": "klaim", "label": "Klaim", "widget": "text", "required": True,
             "hint": "Klaim atau kabar yang beredar, ditulis persis seperti aslinya."},
            {"name": "penilaian", "label": "Penilaian", "widget": "select", "required": True,
             "options": [{"label": v.label, "value": v.slug} for v in VERDICTS],
             "hint": "Hasil pemeriksaan: Salah, Menyesatkan, Sebagian Benar, Benar atau Tidak Terbukti."},
            {"name": "sumber_klaim", "label": "Sumber klaim", "label_singular": "alamat", "widget": "list",
             "required": False, "field": {"name": "alamat", "label": "Alamat web", "widget": "string"},
             "hint": "Alamat web (diawali https://) tempat klaim itu beredar, satu per kotak. "
                     "Yang pertama dianggap kemunculan pertamanya."},
            {"name": "tanggal_klaim", "label": "Tanggal klaim", "widget": "datetime", "format": "YYYY-MM-DD",
             "date_format": "YYYY-MM-DD", "time_format": False, "required": False,
             "hint": "Tanggal klaim mulai beredar; boleh dikosongkan."},
        ]

    def scaffold_lines(self, today: date) -> list[str]:
        # `klaim` and `penilaian` are left empty: the build says they must be filled until they are.
        return [
            "# Tulis klaim persis seperti yang beredar, di antara tanda kutip.",
            "klaim:",
            f"# Penilaian: {CHOICES}.",
            "penilaian:",
            "# Alamat web tempat klaim beredar (yang pertama: kemunculan pertamanya) dan tanggal beredarnya.",
            "# sumber_klaim: [https://www.facebook.com/contoh/posts/123]",
            f"# tanggal_klaim: {today.isoformat()}",
        ]


def claim_review_jsonld(config: SiteConfig, pictures: SitePictures, post: Post) -> Markup:
    """schema.org ClaimReview for a fact check's page (the breadcrumbs come from base.html)."""
    from warta.sharing import authors, json_ld, organization

    check: FactCheck = post.details
    verdict = check.verdict
    claim: dict[str, Any] = {"@type": "Claim"}
    if check.sources:
        claim["appearance"] = [{"@type": "CreativeWork", "url": url} for url in check.sources]
        claim["firstAppearance"] = {"@type": "CreativeWork", "url": check.sources[0]}
    if check.claimed is not None:
        claim["datePublished"] = check.claimed.iso()
    return json_ld({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": config.absolute(post.url),
        "name": post.title,
        "datePublished": post.date.iso(),
        "dateModified": (post.updated or post.date).iso(),
        "inLanguage": "id",
        "claimReviewed": check.claim,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": verdict.rating,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": verdict.label,
        },
        "itemReviewed": claim,
        "author": authors(config, pictures, post),
        "publisher": organization(config, pictures),
    })
