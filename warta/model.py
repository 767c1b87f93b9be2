"""The site model: posts grouped into the listings, taxonomies and archives a reader browses.

Built from trusted content and data; knows nothing about HTML. Every page of
the site is described here by its site path ('/berita/halaman/2/'); the
renderer turns each into a file.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable

from warta.config import SiteConfig
from warta.content import Content, Page, Post, Tag
from warta.fingerprint import fingerprint
from warta.data import AGENCY_KINDS, OTHER_KIND, Agency, SiteData

AGENCY_KIND_LABELS = {
    "penyelenggara": "Penyelenggara Pemilu",
    "peserta": "Peserta Pemilu dan Pemilihan",
    "peradilan": "Peradilan dan Etik",
    "keamanan": "Keamanan",
    "pemerintah": "Pemerintah",
    "masyarakat": "Masyarakat",
    OTHER_KIND: "Lainnya",
}
ABOUT_SLUGS = ("tentang-kami", "tentang")
FEED_SIZE = 20


@dataclass(frozen=True)
class Listing:
    """One page of a paginated list of posts."""

    posts: tuple[Post, ...]
    number: int
    total: int
    base: str

    def path_of(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}halaman/{number}/"

    @property
    def path(self) -> str:
        return self.path_of(self.number)

    @property
    def prev_path(self) -> str | None:
        return self.path_of(self.number - 1) if self.number > 1 else None

    @property
    def next_path(self) -> str | None:
        return self.path_of(self.number + 1) if self.number < self.total else None


def paginate(posts: tuple[Post, ...], per_page: int, base: str) -> tuple[Listing, ...]:
    total = max(1, math.ceil(len(posts) / per_page))
    return tuple(Listing(posts[(n - 1) * per_page : n * per_page], n, total, base) for n in range(1, total + 1))


@dataclass(frozen=True)
class Term:
    """A stage, agency or tag and the posts filed under it."""

    kind: str  # "tahapan", "lembaga" or "tag"
    slug: str
    name: str
    description: str
    posts: tuple[Post, ...]

    @property
    def path(self) -> str:
        return f"/{self.kind}/{self.slug}/"

    @property
    def count(self) -> int:
        return len(self.posts)

    @property
    def ref(self) -> "TermRef":
        return TermRef(self.kind, self.slug, self.name, self.description, len(self.posts))


@dataclass(frozen=True)
class TermRef:
    """A term as index pages show it: without its posts, so comparing two is cheap."""

    kind: str
    slug: str
    name: str
    description: str
    count: int

    @property
    def path(self) -> str:
        return f"/{self.kind}/{self.slug}/"


@dataclass(frozen=True)
class AgencyGroup:
    kind: str
    label: str
    terms: tuple[TermRef, ...]


@dataclass(frozen=True)
class ArchiveMonth:
    year: int
    month: int
    posts: tuple[Post, ...]

    @property
    def count(self) -> int:
        return len(self.posts)


@dataclass(frozen=True)
class ArchiveYear:
    year: int
    months: tuple[ArchiveMonth, ...]

    @property
    def ref(self) -> "ArchiveYearRef":
        return ArchiveYearRef(self.year, tuple(MonthCount(m.month, len(m.posts)) for m in self.months))

    @property
    def path(self) -> str:
        return f"/arsip/{self.year}/"

    @property
    def count(self) -> int:
        return sum(len(m.posts) for m in self.months)


@dataclass(frozen=True)
class MonthCount:
    month: int
    count: int


@dataclass(frozen=True)
class ArchiveYearRef:
    """A year as the archive index shows it: months and counts only."""

    year: int
    months: tuple[MonthCount, ...]

    @property
    def path(self) -> str:
        return f"/arsip/{self.year}/"

    @property
    def count(self) -> int:
        return sum(m.count for m in self.months)


@dataclass(frozen=True)
class NavItem:
    label: str
    path: str


@dataclass(frozen=True)
class Neighbours:
    older: Post | None
    newer: Post | None


@dataclass(frozen=True)
class SiteModel:
    config: SiteConfig
    posts: tuple[Post, ...]
    pages: tuple[Page, ...]
    stages: tuple[Term, ...]
    agencies: tuple[Term, ...]
    agency_groups: tuple[AgencyGroup, ...]
    tags: tuple[Term, ...]
    years: tuple[ArchiveYear, ...]
    nav: tuple[NavItem, ...]
    neighbours: dict[str, Neighbours]
    related: dict[str, tuple[Post, ...]]  # "Berita Terkait" for each post slug, best first
    tag_names: dict[str, str]  # the spelling the site uses for each tag slug
    agency_names: dict[str, str]  # and for each agency not in the data file

    def terms(self) -> Iterable[Term]:
        """Every stage, agency and tag that has posts, and so a page of its own."""
        for term in (*self.stages, *self.agencies, *self.tags):
            if term.posts:
                yield term


@dataclass
class RelatedMemo:
    """Related posts (as slugs) from the last model, with the shape of the site they came from.

    "Berita Terkait" depends only on each post's date, place in the order and
    stages, agencies and tags, not on titles or bodies: the live preview keeps
    one of these so that an edit that leaves that shape alone (most edits) does
    not recompute related posts for the whole site.
    """

    shape: tuple = ()
    slugs: dict[str, tuple[str, ...]] | None = None


def build_model(config: SiteConfig, data: SiteData, content: Content, related_memo: RelatedMemo | None = None) -> SiteModel:
    posts = _canonical_names(content.posts)
    by_stage: dict[str, list[Post]] = {stage.slug: [] for stage in data.stages}
    for post in posts:
        for stage in post.stages:
            by_stage[stage.slug].append(post)
    stages = tuple(
        Term("tahapan", stage.slug, stage.nama, stage.keterangan, tuple(by_stage[stage.slug])) for stage in data.stages
    )
    agencies = _agency_terms(posts, data)
    tags = _terms_by_slug("tag", ((t.slug, t.name, p) for p in posts for t in p.tags))
    return SiteModel(
        config=config,
        posts=posts,
        pages=content.pages,
        stages=stages,
        agencies=agencies,
        agency_groups=_group_agencies(agencies, data),
        tags=tags,
        years=_archive(posts),
        nav=_navigation(content.pages),
        related=_related_with_memo(posts, (*stages, *agencies, *tags), related_memo),
        tag_names={t.slug: t.name for t in tags},
        agency_names={t.slug: t.name for t in agencies},
        neighbours={
            post.slug: Neighbours(
                older=posts[i + 1] if i + 1 < len(posts) else None,
                newer=posts[i - 1] if i > 0 else None,
            )
            for i, post in enumerate(posts)
        },
    )


RELATED_MAX = 5
_RELATED_WINDOW = 3  # neighbours on each side, in each shared term's newest-first list
_RELATED_WEIGHT = {"lembaga": 3, "tag": 2, "tahapan": 1}


def _related_with_memo(posts: tuple[Post, ...], terms: tuple[Term, ...], memo: RelatedMemo | None) -> dict[str, tuple[Post, ...]]:
    if memo is None:
        return _related(posts, terms)
    shape = tuple((p.slug, p.date.value.timestamp(), tuple(s.slug for s in p.stages), tuple(a.slug for a in p.agencies),
                   tuple(t.slug for t in p.tags)) for p in posts)
    if memo.slugs is not None and memo.shape == shape:
        by_slug = {post.slug: post for post in posts}
        return {slug: tuple(by_slug[other] for other in others) for slug, others in memo.slugs.items()}
    related = _related(posts, terms)
    memo.shape, memo.slugs = shape, {slug: tuple(p.slug for p in others) for slug, others in related.items()}
    return related


def _related(posts: tuple[Post, ...], terms: Iterable[Term]) -> dict[str, tuple[Post, ...]]:
    """Up to five posts sharing agencies, tags or stages with each post, best matches first.

    Candidates are the posts next to it in time within each term it shares
    (so "related" also means "around the same events"), scored by what they
    share: an agency counts most, then a tag, then a stage. Ties go to the
    closer in time, then to the earlier in the /berita/ order. Linear in the
    number of posts; posts are handled by their index in `posts` (newest first).
    """
    index_of = {id(post): i for i, post in enumerate(posts)}
    when = [post.date.value.timestamp() for post in posts]
    scores: list[dict[int, int]] = [{} for _ in posts]
    for term in terms:
        weight = _RELATED_WEIGHT[term.kind]
        members = [index_of[id(post)] for post in term.posts]
        for position, me in enumerate(members):  # each pair once, counted for both sides
            own = scores[me]
            for other in members[position + 1 : position + _RELATED_WINDOW + 1]:
                own[other] = own.get(other, 0) + weight
                theirs = scores[other]
                theirs[me] = theirs.get(me, 0) + weight
    related: dict[str, tuple[Post, ...]] = {}
    for me, post in enumerate(posts):
        moment = when[me]
        best = heapq.nsmallest(RELATED_MAX, scores[me].items(), key=lambda item: (-item[1], abs(when[item[0]] - moment), item[0]))
        related[post.slug] = tuple(posts[other] for other, _ in best)
    return related


def _canonical_names(posts: tuple[Post, ...]) -> tuple[Post, ...]:
    """One spelling per tag and per new agency: the most used, then the first alphabetically.

    Posts that already use the chosen spellings are kept as the same objects,
    so an incremental rebuild can tell unchanged posts apart by identity.
    """
    tag_names = _preferred((t.slug, t.name) for p in posts for t in p.tags)
    agency_names = _preferred((a.slug, a.nama) for p in posts for a in p.agencies if not a.known)

    def canonical(post: Post) -> Post:
        if all(tag_names[t.slug] == t.name for t in post.tags) and all(
            a.known or agency_names[a.slug] == a.nama for a in post.agencies
        ):
            return post
        renamed = replace(
            post,
            tags=tuple(Tag(t.slug, tag_names[t.slug]) for t in post.tags),
            agencies=tuple(a if a.known else replace(a, nama=agency_names[a.slug]) for a in post.agencies),
        )
        return replace(renamed, fingerprint=fingerprint(post.fingerprint, renamed.tags, renamed.agencies))

    return tuple(canonical(post) for post in posts)


def _preferred(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    counts = Counter(pairs)
    best: dict[str, tuple[int, str]] = {}
    for (slug, name), count in counts.items():
        rank = (-count, name)
        if slug not in best or rank < best[slug]:
            best[slug] = rank
    return {slug: name for slug, (_, name) in best.items()}


def _terms_by_slug(kind: str, entries: Iterable[tuple[str, str, Post]]) -> tuple[Term, ...]:
    posts_by_slug: dict[str, list[Post]] = {}
    names: dict[str, str] = {}
    for slug, name, post in entries:
        posts_by_slug.setdefault(slug, []).append(post)
        names[slug] = name
    terms = (Term(kind, slug, names[slug], "", tuple(posts)) for slug, posts in posts_by_slug.items())
    return tuple(sorted(terms, key=lambda t: (t.name.casefold(), t.slug)))


def _agency_terms(posts: tuple[Post, ...], data: SiteData) -> tuple[Term, ...]:
    by_slug: dict[str, list[Post]] = {}
    unknown: dict[str, Agency] = {}
    for post in posts:
        for agency in post.agencies:
            by_slug.setdefault(agency.slug, []).append(post)
            if not agency.known:
                unknown[agency.slug] = agency
    known = [Term("lembaga", a.slug, a.nama, _describe(a), tuple(by_slug.get(a.slug, ()))) for a in data.agencies.agencies]
    new = [Term("lembaga", a.slug, a.nama, "", tuple(by_slug[a.slug])) for a in unknown.values()]
    return tuple(sorted(known + new, key=lambda t: (t.name.casefold(), t.slug)))


def _describe(agency: Agency) -> str:
    if agency.singkatan and agency.singkatan.casefold() != agency.nama.casefold():
        return f"{agency.nama} ({agency.singkatan})"
    return agency.nama


def _group_agencies(terms: tuple[Term, ...], data: SiteData) -> tuple[AgencyGroup, ...]:
    kind_of = {a.slug: a.jenis for a in data.agencies.agencies}
    groups = []
    for kind in (*AGENCY_KINDS, OTHER_KIND):
        members = tuple(t.ref for t in terms if kind_of.get(t.slug, OTHER_KIND) == kind)
        if members:
            groups.append(AgencyGroup(kind, AGENCY_KIND_LABELS[kind], members))
    return tuple(groups)


def _archive(posts: tuple[Post, ...]) -> tuple[ArchiveYear, ...]:
    by_month: dict[tuple[int, int], list[Post]] = {}
    for post in posts:
        local = post.date.local
        by_month.setdefault((local.year, local.month), []).append(post)
    years: dict[int, list[ArchiveMonth]] = {}
    for (year, month), month_posts in sorted(by_month.items(), reverse=True):
        years.setdefault(year, []).append(ArchiveMonth(year, month, tuple(month_posts)))
    return tuple(ArchiveYear(year, tuple(months)) for year, months in years.items())


def _navigation(pages: tuple[Page, ...]) -> tuple[NavItem, ...]:
    items = [
        NavItem("Beranda", "/"),
        NavItem("Berita", "/berita/"),
        NavItem("Tahapan", "/tahapan/"),
        NavItem("Lembaga", "/lembaga/"),
        NavItem("Arsip", "/arsip/"),
    ]
    about = next((p for slug in ABOUT_SLUGS for p in pages if p.slug == slug), None)
    if about is not None:
        items.append(NavItem(about.menu or "Tentang", f"/{about.slug}/"))
    items.extend(NavItem(p.menu, f"/{p.slug}/") for p in pages if p.menu and p is not about)
    return tuple(items)
