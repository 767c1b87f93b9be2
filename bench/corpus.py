"""Deterministic generator of realistic Indonesian news corpora for benchmarks.

    python bench/corpus.py DIR --posts 10000 [--seed 1] [--flavour known|unknown] [--photos 40]

Writes a complete site folder: site.toml, data/tahapan.yaml (15 stages),
data/lembaga.yaml (60 agencies with aliases) and N posts over several years
with stages, agencies (often by alias), 40 tags, a few drafts, and bodies of
typical length with headings, lists and the occasional table.

The `unknown` flavour is real writing at a new office: no data/lembaga.yaml
(so Warta's generic default agencies apply), two thirds of agency mentions
are those defaults (by name, singkatan or alias) and one third are local
bodies that no data file lists, drawn from a pool of a few hundred
(kelurahan, kecamatan offices, PPK/PPS/Panwascam, dinas, ormas, schools,
universities of East Java), a few much more often than the rest (Zipf).

`--photos N` adds N camera-sized JPEGs (1600 x 1067, noisy like a real
photo so they compress like one, about 0.8 MB each) under static/gambar/,
and gives seven posts in ten one of them as `image` with `image_alt`: the
featured photo most real posts carry, resized into variants and shown as a
thumbnail on every card.
"""

from __future__ import annotations

import argparse
import random
import shutil
from itertools import accumulate
from datetime import date, timedelta
from pathlib import Path

STAGES = [
    ("persiapan", "Persiapan"), ("perencanaan-program", "Perencanaan Program dan Anggaran"),
    ("pembentukan-badan-adhoc", "Pembentukan Badan Ad Hoc"), ("pemutakhiran-data-pemilih", "Pemutakhiran Data Pemilih"),
    ("pendaftaran-pemantau", "Pendaftaran Pemantau"), ("pencalonan", "Pencalonan"), ("kampanye", "Kampanye"),
    ("logistik", "Pengadaan dan Distribusi Logistik"), ("masa-tenang", "Masa Tenang"),
    ("pemungutan-suara", "Pemungutan Suara"), ("penghitungan-suara", "Penghitungan Suara"),
    ("rekapitulasi", "Rekapitulasi"), ("penetapan-calon-terpilih", "Penetapan Calon Terpilih"),
    ("penyelesaian-sengketa", "Penyelesaian Sengketa"), ("evaluasi", "Evaluasi"),
]
KINDS = ["penyelenggara", "keamanan", "pemerintah", "masyarakat"]
PLACES = ["Kota Kediri", "Kabupaten Kediri", "Kota Blitar", "Kabupaten Nganjuk", "Kota Madiun", "Kabupaten Tulungagung",
          "Kabupaten Jombang", "Kota Mojokerto", "Kabupaten Trenggalek", "Kabupaten Blitar", "Kota Batu", "Kabupaten Malang",
          "Kota Malang", "Kabupaten Ponorogo", "Kabupaten Madiun"]
AGENCY_KINDS = [("Bawaslu", "penyelenggara"), ("KPU", "penyelenggara"), ("Polres", "keamanan"), ("Pemkot", "pemerintah")]
TAGS = ["rakor", "apel siaga", "deklarasi damai", "patroli", "politik uang", "sosialisasi", "netralitas asn", "coklit",
        "tps", "logistik", "kampanye damai", "pengawasan partisipatif", "pemilih pemula", "disabilitas", "hoaks",
        "media sosial", "alat peraga kampanye", "dana kampanye", "sentra gakkumdu", "penanganan pelanggaran",
        "sengketa proses", "rekapitulasi", "saksi", "pengawas tps", "panwaslu kecamatan", "pkd", "bimtek", "evaluasi",
        "pilkada 2024", "pemilu 2024", "kerawanan", "ikp", "desa anti politik uang", "kampung pengawasan",
        "literasi digital", "perempuan", "moderasi", "lintas sektoral", "forkopimda", "pengamanan"]
SENTENCES = [
    "Kegiatan ini dihadiri oleh unsur Forkopimda, penyelenggara pemilihan, serta tokoh masyarakat setempat.",
    "Ketua Bawaslu menegaskan pentingnya sinergi seluruh pihak untuk mewujudkan pemilihan yang aman, damai dan kondusif.",
    "Pengawas kelurahan dan desa diminta aktif melakukan pencegahan terhadap potensi pelanggaran di wilayahnya.",
    "Dalam kesempatan tersebut juga dipaparkan hasil pemetaan kerawanan pada setiap tahapan penyelenggaraan.",
    "Masyarakat diimbau melaporkan dugaan pelanggaran melalui posko pengaduan yang tersedia di setiap kecamatan.",
    "Rapat ditutup dengan penandatanganan komitmen bersama untuk menjaga netralitas aparatur sipil negara.",
    "Bawaslu juga membuka ruang partisipasi bagi pemantau pemilu dan organisasi kemasyarakatan.",
    "Koordinasi dilanjutkan dengan pengecekan kesiapan personel dan sarana pendukung di lapangan.",
    "Hasil pengawasan akan dituangkan dalam laporan hasil pengawasan dan disampaikan kepada pimpinan.",
    "Peserta kegiatan tampak antusias mengikuti sesi diskusi dan tanya jawab hingga akhir acara.",
]
VERBS = ["Gelar", "Hadiri", "Ikuti", "Awasi", "Pantau", "Sosialisasikan", "Tinjau", "Evaluasi"]
TOPICS = ["Rakor Pengamanan", "Apel Siaga", "Deklarasi Kampanye Damai", "Patroli Masa Tenang", "Pengawasan Coklit",
          "Bimtek Pengawas TPS", "Sosialisasi Pengawasan Partisipatif", "Rekapitulasi Tingkat Kecamatan",
          "Pengawasan Distribusi Logistik", "Rapat Pleno Terbuka", "Uji Publik", "Penertiban Alat Peraga Kampanye"]


def agencies() -> list[dict]:
    result = []
    for place in PLACES:
        short = place.replace("Kabupaten ", "Kab. ")
        for prefix, kind in AGENCY_KINDS:
            name = f"{prefix} {place}" if prefix != "Pemkot" else f"Pemerintah {place}"
            slug = name.lower().replace(".", "").replace(" ", "-")
            aliases = [f"{prefix} {short}"] if short != place else [f"{prefix} {place.split()[-1]}"]
            if prefix == "Pemkot":
                aliases = [f"Pemda {place}"]
            result.append({"slug": slug, "nama": name, "jenis": kind, "alias": aliases})
    return result


# Local bodies of the unknown flavour: places and the kinds of bodies a rakor names.
KECAMATAN = {
    "Kota Kediri": ["Mojoroto", "Kota", "Pesantren"],
    "Kabupaten Kediri": ["Pare", "Kandangan", "Gurah", "Ngadiluwih", "Kras", "Wates", "Plosoklaten", "Kunjang", "Papar",
                         "Purwoasri", "Grogol", "Semen", "Tarokan", "Banyakan", "Puncu", "Kepung", "Ringinrejo", "Kandat",
                         "Badas", "Ngancar", "Gampengrejo", "Pagu", "Plemahan", "Ngasem", "Kayen Kidul"],
    "Kota Blitar": ["Sananwetan", "Kepanjenkidul", "Sukorejo"],
    "Kota Madiun": ["Kartoharjo", "Manguharjo", "Taman"],
    "Kota Batu": ["Batu", "Bumiaji", "Junrejo"],
    "Kabupaten Nganjuk": ["Berbek", "Loceret", "Kertosono", "Bagor", "Tanjunganom", "Gondang"],
    "Kabupaten Tulungagung": ["Kedungwaru", "Boyolangu", "Ngunut", "Kauman", "Kalidawir"],
}
KELURAHAN = ["Bandar Lor", "Bandar Kidul", "Banjaran", "Bangsal", "Balowerti", "Bawang", "Betet", "Blabak", "Bujel",
             "Burengan", "Campurejo", "Dandangan", "Dermo", "Gayam", "Jamsaren", "Kaliombo", "Kampung Dalem",
             "Katang", "Kemasan", "Lirboyo", "Manisrenggo", "Mojoroto", "Ngadirejo", "Ngampel", "Ngletih",
             "Ngronggo", "Pakelan", "Pakunden", "Pesantren", "Pocanan", "Rejomulyo", "Ringinanom", "Semampir",
             "Setonogedong", "Setonopande", "Singonegaran", "Sukorame", "Tamanan", "Tempurejo", "Tinalan", "Tosaren"]
DINAS = ["Dinas Pendidikan", "Dinas Kesehatan", "Dinas Sosial", "Dinas Komunikasi dan Informatika",
         "Dinas Kependudukan dan Pencatatan Sipil", "Badan Kesatuan Bangsa dan Politik", "Satpol PP",
         "Dinas Perhubungan", "BPBD", "Bagian Hukum Setda"]
ORMAS = ["PCNU", "PD Muhammadiyah", "GP Ansor", "Fatayat NU", "Pemuda Pancasila", "KNPI", "PMII", "HMI", "GMNI",
         "Karang Taruna", "PWI", "Pramuka Kwarcab", "MUI", "LDII", "Aisyiyah"]
CAMPUS = ["UNP Kediri", "IAIN Kediri", "Universitas Islam Kadiri", "Universitas Kadiri", "Universitas Brawijaya",
          "Universitas Negeri Malang", "Universitas Islam Balitar", "Politeknik Negeri Madiun", "STAIN Kediri",
          "Universitas Merdeka Madiun", "UIN Sayyid Ali Rahmatullah Tulungagung", "Universitas Muhammadiyah Malang"]


def local_bodies(seed: int = 1) -> list[str]:
    """A few hundred realistic local bodies that no data file lists (deterministic for a seed)."""
    names: set[str] = set(CAMPUS)
    for city, districts in KECAMATAN.items():
        short = city.replace("Kabupaten ", "Kab. ")
        names.update(f"{body} {city}" for body in ("KPU", "Bawaslu", "Polres", "Kodim", "Kejari", "DPRD"))
        names.update(f"{dinas} {city}" for dinas in DINAS)
        names.update(f"{ormas} {short}" for ormas in ORMAS)
        names.update(f"SMA Negeri {n} {city}" for n in (1, 2, 3))
        for district in districts:
            names.update(f"{body} {district}" for body in ("PPK Kecamatan", "Panwascam", "Polsek", "Koramil",
                                                          "Kantor Kecamatan", "KUA Kecamatan"))
    for village in KELURAHAN:
        names.update(f"{body} {village}" for body in ("Kelurahan", "PPS Kelurahan", "PKD", "Karang Taruna Kelurahan"))
    pool = sorted(names)
    random.Random(seed).shuffle(pool)
    return pool[:400]


def default_agency_names() -> list[str]:
    """Every name, singkatan and alias of Warta's packaged agencies (what a site without data/lembaga.yaml knows)."""
    import yaml

    text = (Path(__file__).resolve().parent.parent / "warta" / "defaults" / "data" / "lembaga.yaml").read_text(encoding="utf-8")
    return [name for entry in yaml.safe_load(text)
            for name in (entry["nama"], entry.get("singkatan"), *entry.get("alias", ())) if name]


def write_photos(folder: Path, count: int, seed: int) -> list[str]:
    """`count` deterministic noisy JPEGs in `folder`; their site paths."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for n in range(count):
        small = Image.frombytes("RGB", (160, 107), rng.randbytes(160 * 107 * 3))
        photo = small.resize((1600, 1067), Image.Resampling.BICUBIC)
        grain = Image.frombytes("L", (1600, 1067), rng.randbytes(1600 * 1067)).convert("RGB")
        Image.blend(photo, grain, 0.15).save(folder / f"foto-{n + 1:03d}.jpg", "JPEG", quality=88)
        paths.append(f"/gambar/foto-{n + 1:03d}.jpg")
    return paths


def write_site(root: Path, posts: int, seed: int = 1, flavour: str = "known", photos: int = 0) -> None:
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / "content" / "berita").mkdir(parents=True)
    pictures = write_photos(root / "static" / "gambar", photos, seed) if photos else []
    (root / "data").mkdir()
    (root / "site.toml").write_text(
        'title = "Bawaslu Provinsi Contoh"\nbase_url = "https://bench.example/"\n'
        'description = "Korpus uji kinerja Warta."\nper_page = 10\n', encoding="utf-8")
    (root / "data" / "tahapan.yaml").write_text(
        "".join(f"- slug: {s}\n  nama: {n}\n  keterangan: Tahapan {n.lower()} dalam penyelenggaraan pemilihan.\n" for s, n in STAGES),
        encoding="utf-8")
    known = agencies()
    if flavour == "known":
        (root / "data" / "lembaga.yaml").write_text(
            "".join(f"- slug: {a['slug']}\n  nama: {a['nama']}\n  jenis: {a['jenis']}\n  alias: [{', '.join(a['alias'])}]\n" for a in known),
            encoding="utf-8")
    defaults, pool = default_agency_names(), local_bodies(seed)
    # A few local bodies come up again and again, most only now and then: Zipf's law, steep enough that
    # 1,000 posts name about 80 distinct ones (the real site named 57) and 10,000 about 240.
    weights = list(accumulate(1 / (rank + 1) ** 1.6 for rank in range(len(pool))))
    start = date(2015, 1, 1)
    span = (date(2024, 12, 31) - start).days
    for n in range(posts):
        day = start + timedelta(days=rng.randrange(span))
        topic, verb, place = rng.choice(TOPICS), rng.choice(VERBS), rng.choice(PLACES)
        title = f"Bawaslu {place} {verb} {topic} ({n + 1})"
        if flavour == "known":
            picks = rng.sample(known, rng.randint(1, 4))
            names = [rng.choice([a["nama"], *a["alias"]]) for a in picks]
        else:
            names = []
            for _ in range(rng.randint(1, 4)):
                name = rng.choices(pool, cum_weights=weights)[0] if rng.random() < 1 / 3 else rng.choice(defaults)
                if name not in names:
                    names.append(name)
        stages = [s for s, _ in rng.sample(STAGES, rng.randint(1, 2))]
        tags = rng.sample(TAGS, rng.randint(1, 4))
        time = f" {rng.randrange(7, 22):02d}:{rng.choice(['00', '15', '30', '45'])}" if rng.random() < 0.3 else ""
        lines = ["---", f"title: {title}", f"date: {day.isoformat()}{time}", f"tahapan: [{', '.join(stages)}]",
                 f"lembaga: [{', '.join(names)}]", f"tags: [{', '.join(tags)}]", "author: Humas Bawaslu"]
        if pictures and rng.random() < 0.7:
            lines += [f"image: {rng.choice(pictures)}", f"image_alt: Peserta {topic.lower()} di {place}"]
        if rng.random() < 0.01:
            lines.append("draft: true")
        if rng.random() < 0.3:
            lines.append(f"summary: {rng.choice(SENTENCES)}")
        lines += ["---", ""]
        body = [f"{place}, {day.day} {day.strftime('%m')} {day.year}. Bawaslu {place} {verb.lower()} kegiatan {topic.lower()} "
                f"bersama {', '.join(names)}. " + " ".join(rng.sample(SENTENCES, 3))]
        for _ in range(rng.randint(2, 5)):
            body.append(" ".join(rng.sample(SENTENCES, rng.randint(2, 4))))
        if rng.random() < 0.5:
            body.append("## Hasil kegiatan")
            body.append("\n".join(f"{i}. {s}" for i, s in enumerate(rng.sample(SENTENCES, 3), start=1)))
        if rng.random() < 0.1:
            body.append("| Kecamatan | TPS | Diawasi |\n|---|---:|---:|\n" + "\n".join(
                f"| Kecamatan {k} | {rng.randrange(50, 200)} | {rng.randrange(50, 200)} |" for k in range(1, 5)))
        slug = f"{day.isoformat()}-berita-{n + 1:05d}"
        (root / "content" / "berita" / f"{slug}.md").write_text("\n".join(lines) + "\n\n".join(body) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--flavour", choices=("known", "unknown"), default="known",
                        help="unknown: no data/lembaga.yaml, a third of agency mentions not in any data file")
    parser.add_argument("--photos", type=int, default=0, help="camera-sized JPEGs shared by 70%% of the posts")
    args = parser.parse_args()
    write_site(args.folder, args.posts, args.seed, args.flavour, args.photos)
    print(f"{args.posts} posts written to {args.folder}")


if __name__ == "__main__":
    main()
