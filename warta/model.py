"""The site model: posts grouped into the listings, taxonomies and archives a reader browses.

Built from trusted content and data; knows nothing about HTML. Every page of
the site is described here by its site path ('/berita/halaman/2/'); the
renderer turns each into a file.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from warta.config import SiteConfig
from warta.content import Content, Page, Post, Tag
from warta.data import AGENCY_KINDS, OTHER_KIND, Agency, SiteData, Stage
from warta.fingerprint import fingerprint
from warta.registry import AGENCIES, CLOSED, DIRECTORY, FREE, STAGES, TAGS, Registry, Taxonomy, entry_url

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
    """A stage, agency, tag (or a term of the site's own taxonomy) and the items filed under it."""

    kind: str  # the taxonomy's name: "tahapan", "lembaga", "tag", ...
    slug: str
    name: str
    description: str
    posts: tuple[Post, ...]

    @property
    def url(self) -> str:
        return entry_url(self.kind, self.slug)

    @property
    def path(self) -> str:
        return self.url

    @property
    def count(self) -> int:
        return len(self.posts)

    @property
    def ref(self) -> TermRef:
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
    def url(self) -> str:
        return entry_url(self.kind, self.slug)

    @property
    def path(self) -> str:
        return self.url


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
    def ref(self) -> ArchiveYearRef:
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
    registry: Registry
    today: date  # the build date (see dates.build_moment): what is upcoming, expired or in progress
    posts: tuple[Post, ...]  # every published item of every kind, newest first
    by_kind: dict[str, tuple[Post, ...]]  # the same, per collection (every collection has an entry)
    pages: tuple[Page, ...]
    taxonomies: dict[str, tuple[Term, ...]]  # every term of each taxonomy, in the order its index lists them
    agency_groups: tuple[AgencyGroup, ...]
    years: tuple[ArchiveYear, ...]
    nav: tuple[NavItem, ...]
    neighbours: dict[str, Neighbours]  # by item url: the older and newer item of the same kind
    related: dict[str, tuple[Post, ...]]  # "Berita Terkait" for each item url, best first, of every kind
    term_names: dict[str, str]  # by term url: the spelling the site uses for each tag and each agency not in the data
    stage_data: tuple[Stage, ...] = ()  # the stages of data/tahapan.yaml with their dates (the terms carry none)

    @property
    def stages(self) -> tuple[Term, ...]:
        return self.taxonomies[STAGES]

    @property
    def agencies(self) -> tuple[Term, ...]:
        return self.taxonomies[AGENCIES]

    @property
    def tags(self) -> tuple[Term, ...]:
        return self.taxonomies[TAGS]

    @property
    def home_posts(self) -> tuple[Post, ...]:
        """The latest items of the kinds shown on the home page."""
        shown = {c.name for c in self.registry.collections if c.on_home}
        return tuple(p for p in self.posts if p.kind in shown)

    def terms(self) -> Iterable[Term]:
        """Every term of every taxonomy that has items, and so a page of its own."""
        for terms in self.taxonomies.values():
            for term in terms:
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


def build_model(config: SiteConfig, registry: Registry, data: SiteData, content: Content, today: date,
                related_memo: RelatedMemo | None = None) -> SiteModel:
    posts = _canonical_names(content.posts, registry)
    by_kind: dict[str, list[Post]] = {c.name: [] for c in registry.collections}
    for post in posts:
        by_kind[post.kind].append(post)
    taxonomies = {taxonomy.name: _taxonomy_terms(taxonomy, posts, data) for taxonomy in registry.taxonomies}
    all_terms = tuple(term for terms in taxonomies.values() for term in terms)
    weights = {t.name: t.related_weight for t in registry.taxonomies}
    neighbours: dict[str, Neighbours] = {}
    for same_kind in by_kind.values():
        for i, post in enumerate(same_kind):
            neighbours[post.url] = Neighbours(older=same_kind[i + 1] if i + 1 < len(same_kind) else None,
                                              newer=same_kind[i - 1] if i > 0 else None)
    archived = {c.name for c in registry.collections if c.in_archive}
    return SiteModel(
        config=config,
        registry=registry,
        today=today,
        posts=posts,
        by_kind={name: tuple(items) for name, items in by_kind.items()},
        pages=content.pages,
        taxonomies=taxonomies,
        agency_groups=_group_agencies(taxonomies[AGENCIES], data),
        years=_archive(tuple(p for p in posts if p.kind in archived)),
        nav=_navigation(content.pages, registry),
        related=_related_with_memo(posts, all_terms, weights, related_memo),
        term_names={t.url: t.name for t in all_terms if t.kind != STAGES},
        neighbours=neighbours,
        stage_data=data.stages,
    )


def _taxonomy_terms(taxonomy: Taxonomy, posts: tuple[Post, ...], data: SiteData) -> tuple[Term, ...]:
    if taxonomy.vocabulary == CLOSED:
        by_stage: dict[str, list[Post]] = {stage.slug: [] for stage in data.stages}
        for post in posts:
            for stage in post.stages:
                by_stage[stage.slug].append(post)
        return tuple(Term(taxonomy.name, stage.slug, stage.nama, stage.keterangan, tuple(by_stage[stage.slug]))
                     for stage in data.stages)
    if taxonomy.vocabulary == DIRECTORY:
        return _agency_terms(taxonomy, posts, data)
    return _terms_by_slug(taxonomy.name, ((t.slug, t.name, p) for p in posts for t in p.labels(taxonomy)))


RELATED_MAX = 5
_RELATED_WINDOW = 3  # neighbours on each side, in each shared term's newest-first list


def _related_with_memo(posts: tuple[Post, ...], terms: tuple[Term, ...], weights: dict[str, int],
                       memo: RelatedMemo | None) -> dict[str, tuple[Post, ...]]:
    if memo is None:
        return _related(posts, terms, weights)
    shape = tuple((p.url, p.date.value.timestamp(), tuple(s.slug for s in p.stages), tuple(a.slug for a in p.agencies),
                   tuple(t.slug for t in p.tags), tuple((n, tuple(t.slug for t in ts)) for n, ts in p.custom_terms))
                  for p in posts)
    if memo.slugs is not None and memo.shape == shape:
        by_url = {post.url: post for post in posts}
        return {url: tuple(by_url[other] for other in others) for url, others in memo.slugs.items()}
    related = _related(posts, terms, weights)
    memo.shape, memo.slugs = shape, {url: tuple(p.url for p in others) for url, others in related.items()}
    return related


def _related(posts: tuple[Post, ...], terms: Iterable[Term], weights: dict[str, int]) -> dict[str, tuple[Post, ...]]:
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
        weight = weights[term.kind]
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
        related[post.url] = tuple(posts[other] for other, _ in best)
    return related


def spelled_by_site(post: Post, registry: Registry) -> Iterator[Tag | Agency]:
    """The terms of `post` whose spelling the site chooses (see `_canonical_names`): those of free taxonomies
    (tags, the site's own) and agencies the data does not list."""
    for taxonomy in registry.taxonomies:
        if taxonomy.vocabulary == FREE:
            yield from post.labels(taxonomy)
    yield from (agency for agency in post.agencies if not agency.known)


def _canonical_names(posts: tuple[Post, ...], registry: Registry) -> tuple[Post, ...]:
    """One spelling per tag (and term of the site's own taxonomies) and per new agency: the most used,
    then the first alphabetically.

    Posts that already use the chosen spellings are kept as the same objects,
    so an incremental rebuild can tell unchanged posts apart by identity.
    """
    names = _preferred((term.url, term.name) for post in posts for term in spelled_by_site(post, registry))

    def respelled(tags: tuple[Tag, ...]) -> tuple[Tag, ...]:
        return tuple(t if names[t.url] == t.name else replace(t, name=names[t.url]) for t in tags)

    def canonical(post: Post) -> Post:
        if all(names[term.url] == term.name for term in spelled_by_site(post, registry)):
            return post
        renamed = replace(
            post,
            tags=respelled(post.tags),
            custom_terms=tuple((name, respelled(tags)) for name, tags in post.custom_terms),
            agencies=tuple(a if a.known else replace(a, nama=names[a.url]) for a in post.agencies),
        )
        return replace(renamed, fingerprint=fingerprint(post.fingerprint, renamed.tags, renamed.agencies,
                                                        renamed.custom_terms))

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


def _agency_terms(taxonomy: Taxonomy, posts: tuple[Post, ...], data: SiteData) -> tuple[Term, ...]:
    by_slug: dict[str, list[Post]] = {}
    unknown: dict[str, Agency] = {}
    for post in posts:
        for agency in post.agencies:
            by_slug.setdefault(agency.slug, []).append(post)
            if not agency.known:
                unknown[agency.slug] = agency
    known = [Term(taxonomy.name, a.slug, a.nama, _describe(a), tuple(by_slug.get(a.slug, ()))) for a in data.agencies.agencies]
    new = [Term(taxonomy.name, a.slug, a.nama, "", tuple(by_slug[a.slug])) for a in unknown.values()]
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


def _navigation(pages: tuple[Page, ...], registry: Registry) -> tuple[NavItem, ...]:
    items = [NavItem("Beranda", "/")]
    items.extend(NavItem(c.title, c.url) for c in registry.collections)
    items.extend(NavItem(t.title, t.url) for t in registry.taxonomies if t.vocabulary in (CLOSED, DIRECTORY))
    items.append(NavItem("Arsip", "/arsip/"))
    about = next((p for slug in ABOUT_SLUGS for p in pages if p.slug == slug), None)
    if about is not None:
        items.append(NavItem(about.menu or "Tentang", f"/{about.slug}/"))
    items.extend(NavItem(p.menu, f"/{p.slug}/") for p in pages if p.menu and p is not about)
    return tuple(items)
