"""The Cek Fakta kind: the verdict box, the badge on cards, feeds, sitemap, ClaimReview and the writer's mistakes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from conftest import Site
from schemaorg_check import node_problems

from warta.kinds import rules_for
from warta.kinds.cek_fakta import VERDICTS

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

FACT_CHECK = """\
---
title: "Cek Fakta: Pemilih Wajib Membawa Fotokopi KTP"
date: 2024-11-20
tags: [hoaks, pemungutan suara]
klaim: "Pemilih wajib membawa fotokopi KTP ke TPS, tanpa itu tidak boleh mencoblos"
penilaian: Sebagian Benar
sumber_klaim:
  - https://www.facebook.com/contoh/posts/123
  - https://x.com/contoh/status/456
tanggal_klaim: 2024-11-18
---
Pemilih cukup membawa KTP elektronik asli; fotokopi tidak diwajibkan.
"""

def schema_problems(node: dict) -> list[str]:
    """What schema.org's vocabulary says is wrong with a node (see tests/schemaorg_check.py)."""
    return node_problems(node)


def claim_review(page) -> dict:
    blocks = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    assert sorted(b["@type"] for b in blocks) == ["BreadcrumbList", "ClaimReview"]
    return next(b for b in blocks if b["@type"] == "ClaimReview")


@pytest.fixture
def built(site: Site, capsys):
    site.add_post("2024-11-19-sosialisasi", title="Sosialisasi Tata Cara Mencoblos", date="2024-11-19", tags=["hoaks"])
    site.write("content/cek-fakta/2024-11-20-fotokopi-ktp.md", FACT_CHECK)
    run = site.build(capsys, "--no-search")
    assert run.code == 0, run.err
    return run


def test_page_opens_with_the_verdict_box(built):
    page = built.html("/cek-fakta/fotokopi-ktp/")
    article = page.find("article")
    assert article.find("h1").get_text(strip=True) == "Cek Fakta: Pemilih Wajib Membawa Fotokopi KTP"
    box = article.find("section", class_="putusan")
    # before the body
    body = article.find("div", class_="isi")
    assert box in body.find_all_previous("section")
    heading = box.find(id=box["aria-labelledby"])
    assert heading.get_text(strip=True) == "Klaim"
    assert box.find("blockquote").get_text(strip=True) == \
        "Pemilih wajib membawa fotokopi KTP ke TPS, tanpa itu tidak boleh mencoblos"
    verdict = box.find("p", class_="putusan-penilaian")
    assert verdict.get_text(" ", strip=True) == "Penilaian: Sebagian Benar"  # the verdict in words, not colour alone
    assert "lencana-sebagian-benar" in verdict.find("strong")["class"]
    time = box.find("time")
    assert (time["datetime"], time.get_text(strip=True)) == ("2024-11-18", "18 November 2024")
    links = box.find_all("a")
    assert [a["href"] for a in links] == ["https://www.facebook.com/contoh/posts/123", "https://x.com/contoh/status/456"]
    for link in links:
        assert {"nofollow", "ugc", "noopener"} <= set(link["rel"])
        assert link.get("target") is None
    assert "kemunculan pertama" in links[0].parent.get_text()
    assert "kemunculan pertama" not in links[1].parent.get_text()
    assert "fotokopi tidak diwajibkan" in body.get_text()


def test_page_without_sources_or_claim_date_shows_neither(site: Site, capsys):
    site.write("content/cek-fakta/2024-11-20-x.md",
               "---\ntitle: Cek X\ndate: 2024-11-20\nklaim: Ada klaim\npenilaian: benar\n---\nIsi.\n")
    run = site.build(capsys, "--no-search")
    assert run.code == 0, run.err
    box = run.html("/cek-fakta/x/").find("section", class_="putusan")
    assert box.find("a") is None and box.find("time") is None
    review = claim_review(run.html("/cek-fakta/x/"))
    assert review["itemReviewed"] == {"@type": "Claim"}
    assert review["reviewRating"]["ratingValue"] == 5


@pytest.mark.parametrize(("written", "label", "slug"), [
    ("salah", "Salah", "salah"),
    ("SALAH", "Salah", "salah"),
    ("Menyesatkan", "Menyesatkan", "menyesatkan"),
    ("sebagian benar", "Sebagian Benar", "sebagian-benar"),
    ("Sebagian_Benar", "Sebagian Benar", "sebagian-benar"),
    ("benar", "Benar", "benar"),
    ("Tidak Terbukti", "Tidak Terbukti", "tidak-terbukti"),
    ("tidak-terbukti", "Tidak Terbukti", "tidak-terbukti"),
])
def test_verdict_spellings(site: Site, capsys, written, label, slug):
    site.write("content/cek-fakta/2024-11-20-x.md",
               f"---\ntitle: Cek X\ndate: 2024-11-20\nklaim: Ada klaim\npenilaian: {written}\n---\nIsi.\n")
    run = site.build(capsys, "--no-search")
    assert run.code == 0, run.err
    strong = run.html("/cek-fakta/x/").find("p", class_="putusan-penilaian").find("strong")
    assert strong.get_text(strip=True) == label
    assert f"lencana-{slug}" in strong["class"]
    card = run.html("/cek-fakta/").find("article", class_="kartu")
    assert card.find("p", class_="lencana").get_text(strip=True) == label


def test_cards_carry_the_verdict_and_the_kind(built):
    card = built.html("/cek-fakta/").find("article", class_="kartu")
    badge = card.find("p", class_="lencana")
    assert badge.get_text(strip=True) == "Sebagian Benar"
    assert "lencana-sebagian-benar" in badge["class"]
    # A tag shared with a news post: both listed, each labelled with its kind, only the fact check with a verdict.
    cards = built.html("/tag/hoaks/").find_all("article", class_="kartu")
    by_title = {c.find(class_="kartu-judul").get_text(strip=True): c for c in cards}
    assert set(by_title) == {"Cek Fakta: Pemilih Wajib Membawa Fotokopi KTP", "Sosialisasi Tata Cara Mencoblos"}
    check = by_title["Cek Fakta: Pemilih Wajib Membawa Fotokopi KTP"]
    news = by_title["Sosialisasi Tata Cara Mencoblos"]
    assert check.find("span", class_="jenis").get_text(strip=True) == "Cek Fakta"
    assert news.find("span", class_="jenis").get_text(strip=True) == "Berita"
    assert check.find("p", class_="lencana").get_text(strip=True) == "Sebagian Benar"
    assert news.find("p", class_="lencana") is None


def entry_links(feed_path) -> list[str]:
    root = ET.parse(feed_path).getroot()
    return [entry.find(f"{ATOM}link").get("href") for entry in root.findall(f"{ATOM}entry")]


def test_feeds_carry_the_fact_check(built):
    assert entry_links(built.file("/cek-fakta/feed.xml")) == ["https://contoh.example/cek-fakta/fotokopi-ktp/"]
    assert entry_links(built.file("/feed.xml")) == ["https://contoh.example/cek-fakta/fotokopi-ktp/",
                                                     "https://contoh.example/berita/sosialisasi/"]
    assert entry_links(built.file("/berita/feed.xml")) == ["https://contoh.example/berita/sosialisasi/"]


def test_sitemap_lists_the_page_and_the_listing(built):
    root = ET.parse(built.file("/sitemap.xml")).getroot()
    locations = {url.find(f"{SITEMAP}loc").text for url in root.findall(f"{SITEMAP}url")}
    assert {"https://contoh.example/cek-fakta/fotokopi-ktp/", "https://contoh.example/cek-fakta/"} <= locations


def test_claim_review_json_ld(built):
    review = claim_review(built.html("/cek-fakta/fotokopi-ktp/"))
    assert schema_problems(review) == []
    assert review["@context"] == "https://schema.org"
    assert review["url"] == "https://contoh.example/cek-fakta/fotokopi-ktp/"
    assert review["datePublished"] == "2024-11-20"
    assert review["claimReviewed"] == "Pemilih wajib membawa fotokopi KTP ke TPS, tanpa itu tidak boleh mencoblos"
    assert review["reviewRating"] == {"@type": "Rating", "ratingValue": 3, "bestRating": 5, "worstRating": 1,
                                      "alternateName": "Sebagian Benar"}
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert [a["url"] for a in claim["appearance"]] == ["https://www.facebook.com/contoh/posts/123",
                                                       "https://x.com/contoh/status/456"]
    assert claim["firstAppearance"] == {"@type": "CreativeWork", "url": "https://www.facebook.com/contoh/posts/123"}
    assert claim["datePublished"] == "2024-11-18"
    office = {"@type": "Organization", "name": "Bawaslu Kota Contoh", "url": "https://contoh.example/",
              "logo": {"@type": "ImageObject", "url": "https://contoh.example/favicon.svg"}}
    assert review["author"] == [office]
    assert review["publisher"] == office
    # The news page keeps its NewsArticle.
    news = built.html("/berita/sosialisasi/")
    types = sorted(json.loads(s.string)["@type"] for s in news.find_all("script", type="application/ld+json"))
    assert types == ["BreadcrumbList", "NewsArticle"]


def test_schema_check_catches_a_wrong_property():
    assert schema_problems({"@type": "Claim", "reviewRating": {"@type": "Rating"}}) == \
        ["$.reviewRating: property 'reviewRating' does not apply to Claim (its domain: Review)"]


def test_rating_scale_is_ordered_and_within_bounds():
    rating = {v.slug: v.rating for v in VERDICTS}
    assert rating["salah"] == 1 and rating["benar"] == 5
    assert rating["salah"] < rating["menyesatkan"] < rating["sebagian-benar"] < rating["benar"]
    assert all(1 <= value <= 5 for value in rating.values())
    assert [v.label for v in VERDICTS] == ["Salah", "Menyesatkan", "Sebagian Benar", "Benar", "Tidak Terbukti"]


CHOICES = "(pilihan: salah, menyesatkan, sebagian-benar, benar atau tidak-terbukti)"


@pytest.mark.parametrize(("written", "message"), [
    ("hoaks", f"penilaian 'hoaks' tidak dikenal {CHOICES}; untuk hoaks, tulis penilaian: salah"),
    ("HOAX", f"penilaian 'HOAX' tidak dikenal {CHOICES}; untuk HOAX, tulis penilaian: salah"),
    ("keliru", f"penilaian 'keliru' tidak dikenal {CHOICES}; untuk keliru, tulis penilaian: salah"),
    ("belum terbukti",
     f"penilaian 'belum terbukti' tidak dikenal {CHOICES}; untuk belum terbukti, tulis penilaian: tidak-terbukti"),
    ("menyesatakan", f"penilaian 'menyesatakan' tidak dikenal {CHOICES}; mungkin maksud Anda 'menyesatkan'?"),
    ("qwerty", f"penilaian 'qwerty' tidak dikenal {CHOICES}"),
    ("[salah]", "'penilaian' hanya satu, ditulis tanpa kurung siku, misalnya penilaian: salah"),
])
def test_unknown_verdict_names_the_choices_and_the_likely_one(site: Site, capsys, written, message):
    site.write("content/cek-fakta/2024-11-20-x.md",
               f"---\ntitle: Cek X\ndate: 2024-11-20\nklaim: Ada klaim\npenilaian: {written}\n---\nIsi.\n")
    run = site.build(capsys, "--no-search")
    assert run.code == 1
    assert run.error_lines == [f"{site.root}/content/cek-fakta/2024-11-20-x.md:5: {message}"]


def test_a_source_that_is_not_a_web_address_is_an_error_at_its_own_line(site: Site, capsys):
    site.write("content/cek-fakta/2024-11-20-x.md", """\
---
title: Cek X
date: 2024-11-20
klaim: Ada klaim
penilaian: salah
sumber_klaim:
  - https://www.facebook.com/contoh/posts/1
  - www.tiktok.com/@contoh/video/2
  - grup WhatsApp warga
  - ftp://contoh.example/berkas
---
Isi.
""")
    run = site.build(capsys, "--no-search")
    assert run.code == 1
    shown = f"{site.root}/content/cek-fakta/2024-11-20-x.md"
    anywhere = ("tulis alamat web lengkap yang diawali https:// tempat klaim itu beredar, "
                "misalnya https://www.facebook.com/...")
    assert run.error_lines == [
        (f"{shown}:8: sumber_klaim 'www.tiktok.com/@contoh/video/2' bukan alamat web; "
         "tulis alamat lengkap dengan https:// di depannya: https://www.tiktok.com/@contoh/video/2"),
        f"{shown}:9: sumber_klaim 'grup WhatsApp warga' bukan alamat web; {anywhere}",
        f"{shown}:10: sumber_klaim 'ftp://contoh.example/berkas' bukan alamat web; {anywhere}",
    ]


def test_one_source_may_be_written_without_a_list(site: Site, capsys):
    site.write("content/cek-fakta/2024-11-20-x.md", "---\ntitle: Cek X\ndate: 2024-11-20\nklaim: Ada klaim\n"
               "penilaian: salah\nsumber_klaim: https://contoh.example/a?x=1,2\n---\nIsi.\n")
    run = site.build(capsys, "--no-search")
    assert run.code == 0, run.err
    links = run.html("/cek-fakta/x/").find("section", class_="putusan").find_all("a")
    assert [a["href"] for a in links] == ["https://contoh.example/a?x=1,2"]  # a comma does not split an address


def test_claim_date_after_the_fact_check_warns(site: Site, capsys):
    site.write("content/cek-fakta/2024-11-20-x.md", "---\ntitle: Cek X\ndate: 2024-11-20\nklaim: Ada klaim\n"
               "penilaian: salah\ntanggal_klaim: 2024-11-22\n---\nIsi.\n")
    run = site.build(capsys, "--no-search")
    assert run.code == 0, run.err
    assert (f"{site.root}/content/cek-fakta/2024-11-20-x.md:6: peringatan: tanggal_klaim 22 November 2024 sesudah "
            "tanggal cek fakta 20 November 2024; apakah kedua tanggal tertukar?") in run.err.splitlines()


def test_admin_fields_cover_the_keys():
    fields = {f["name"]: f for f in rules_for("cek-fakta").admin_fields()}
    assert list(fields) == ["klaim", "penilaian", "sumber_klaim", "tanggal_klaim"]
    assert fields["klaim"]["required"] and fields["penilaian"]["required"]
    assert fields["penilaian"]["widget"] == "select"
    assert [(o["label"], o["value"]) for o in fields["penilaian"]["options"]] == [
        ("Salah", "salah"), ("Menyesatkan", "menyesatkan"), ("Sebagian Benar", "sebagian-benar"),
        ("Benar", "benar"), ("Tidak Terbukti", "tidak-terbukti")]
    assert fields["sumber_klaim"]["widget"] == "list" and not fields["sumber_klaim"]["required"]
    assert fields["tanggal_klaim"]["widget"] == "datetime" and not fields["tanggal_klaim"]["required"]


def scaffolded(lines: list[str]) -> str:
    return "\n".join(["---", "title: Cek X", "date: 2024-11-20", *lines, "---", "Isi.", ""])


def test_scaffold_fails_until_filled_then_builds(site: Site, capsys):
    lines = rules_for("cek-fakta").scaffold_lines(date(2024, 11, 20))
    site.write("content/cek-fakta/2024-11-20-x.md", scaffolded(lines))
    run = site.build(capsys, "--no-search")
    assert run.code == 1
    assert [line.split(": ", 1)[1].split(":")[0].split(",")[0] for line in run.error_lines] == \
        ["'klaim' wajib diisi", "'penilaian' wajib diisi"]
    # Filled in, with the optional keys uncommented: it builds and shows them.
    filled = [line.removeprefix("# ") if line.startswith(("# sumber_klaim", "# tanggal_klaim")) else line
              for line in lines]
    filled = [{"klaim:": "klaim: Ada klaim", "penilaian:": "penilaian: salah"}.get(line, line) for line in filled]
    site.write("content/cek-fakta/2024-11-20-x.md", scaffolded(filled))
    run = site.build(capsys, "--no-search")
    assert run.code == 0, run.err
    review = claim_review(run.html("/cek-fakta/x/"))
    assert review["itemReviewed"]["datePublished"] == "2024-11-20"
    assert review["itemReviewed"]["firstAppearance"]["url"].startswith("https://")
