#!/usr/bin/env python3
"""The sample site's PDF files (documents and announcement attachments), written by hand.

    python tools/make_sample_pdfs.py [--site DIR] [--check]

Writes every file listed in DOCUMENTS under DIR/static/ (the repository root unless --site):
small PDF 1.4 files with selectable Indonesian text (Helvetica and Helvetica-Bold, the standard
Type 1 fonts every reader has, with WinAnsiEncoding), A4 pages, and the title, author, subject
and language set in the document information so readers and search engines show the title.
Standard library only: the objects, the cross-reference table and its byte offsets are written
here. The output is deterministic (fixed dates, an ID from the content), so running it again
changes nothing. --check re-reads every file's cross-reference table and compares the bytes
with what would be written, without writing.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

PAGE_WIDTH = 595  # A4 in points
PAGE_HEIGHT = 842
MARGIN_LEFT = 64
MARGIN_RIGHT = 64
TOP = 790
BOTTOM = 72
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

OFFICE = "BADAN PENGAWAS PEMILIHAN UMUM"
OFFICE_CITY = "KOTA KEDIRI"
OFFICE_ADDRESS = "Jl. Penanggungan No. 2, Kota Kediri, Jawa Timur - Telepon (0354) 000000 - bawaslu.kotakediri@example.go.id"
AUTHOR = "Bawaslu Kota Kediri"
FOOTER = "Dokumen contoh untuk situs contoh Warta (Bawaslu Kota Kediri); bukan dokumen resmi."

# Advance widths (1/1000 em) of the standard Helvetica and Helvetica-Bold fonts (Adobe AFM),
# for the characters the documents use; anything else counts as a wide letter.
_HELVETICA = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
     556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015,
     667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722,
     667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333,
     556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333,
     500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584),
    strict=True,
))
_HELVETICA_BOLD = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    (278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
     556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975,
     722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722,
     667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333,
     556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389,
     556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584),
    strict=True,
))
_WIDE = {"\u2013": 556, "\u2014": 1000, "\u2018": 222, "\u2019": 222, "\u201c": 333, "\u201d": 333, "\u2022": 350}


@dataclass(frozen=True)
class Document:
    """One PDF: where it goes under static/, what it says."""

    path: str  # under static/, e.g. "berkas/dokumen/laporan-kinerja-2023.pdf"
    title: str
    subject: str
    number: str  # the letter's number line under the title ("" for none)
    place_date: str  # "Kota Kediri, 30 September 2024"
    created: str  # PDF date, e.g. "D:20240930090000+07'00'"
    blocks: list[tuple[str, str]] = field(default_factory=list)  # ("h", heading) / ("p", paragraph) / ("li", item)


DOCUMENTS: list[Document] = [
    Document(
        path="berkas/dokumen/laporan-kinerja-2023.pdf",
        title="Laporan Kinerja Bawaslu Kota Kediri Tahun 2023",
        subject="Informasi berkala: laporan kinerja tahunan",
        number="Ringkasan untuk publik",
        place_date="Kota Kediri, 28 Februari 2024",
        created="D:20240228090000+07'00'",
        blocks=[
            ("h", "1. Pendahuluan"),
            ("p", ("Laporan Kinerja ini disusun sebagai wujud pertanggungjawaban Bawaslu Kota Kediri atas pelaksanaan "
                   "tugas, wewenang dan kewajiban selama tahun anggaran 2023. Tahun 2023 merupakan tahun persiapan dan "
                   "pelaksanaan tahapan Pemilihan Umum Tahun 2024, sehingga sebagian besar kegiatan diarahkan pada "
                   "pencegahan pelanggaran, pengawasan tahapan, dan penguatan pengawas ad hoc.")),
            ("h", "2. Sasaran strategis"),
            ("li", ("a. Meningkatnya kualitas pencegahan pelanggaran pemilu melalui sosialisasi, pendidikan pengawasan "
                    "partisipatif, dan koordinasi dengan pemangku kepentingan di Kota Kediri.")),
            ("li", ("b. Meningkatnya kualitas pengawasan tahapan, khususnya pemutakhiran data pemilih, pencalonan "
                    "anggota DPRD Kota Kediri, dan kampanye.")),
            ("li", "c. Meningkatnya kualitas penanganan pelanggaran dan penyelesaian sengketa proses pemilu."),
            ("li", "d. Meningkatnya kualitas layanan informasi publik dan tata kelola kesekretariatan."),
            ("h", "3. Capaian kinerja"),
            ("p", ("Bawaslu Kota Kediri bersama Panwaslu Kecamatan Kota, Mojoroto dan Pesantren serta Panwaslu "
                   "Kelurahan di 46 kelurahan melaksanakan pengawasan melekat pada setiap tahapan yang berlangsung "
                   "pada tahun 2023. Kegiatan pencegahan dilakukan melalui rapat koordinasi, patroli pengawasan, dan "
                   "sosialisasi kepada pemilih pemula, organisasi kemasyarakatan, dan aparatur sipil negara.")),
            ("p", ("Rincian angka capaian setiap indikator kinerja, realisasi anggaran, dan rencana tindak lanjut "
                   "disajikan dalam dokumen lengkap yang dapat diminta melalui layanan informasi publik Bawaslu "
                   "Kota Kediri.")),
            ("h", "4. Kendala dan tindak lanjut"),
            ("p", ("Kendala utama adalah beban kerja pengawas ad hoc yang tinggi pada masa tahapan yang berimpitan. "
                   "Sebagai tindak lanjut, Bawaslu Kota Kediri memperkuat bimbingan teknis, memperbaiki pembagian "
                   "tugas, dan menyiapkan pengawasan Pemilihan Walikota dan Wakil Walikota Kediri Tahun 2024 sejak "
                   "awal tahun.")),
        ],
    ),
    Document(
        path="berkas/dokumen/serta-merta-tps-rawan-genangan.pdf",
        title="Pemberitahuan Serta Merta: Antisipasi Cuaca Ekstrem dan TPS Rawan Genangan",
        subject="Informasi serta merta: hari pemungutan suara 27 November 2024",
        number="Hari pemungutan suara Pemilihan Walikota dan Wakil Walikota Kediri, Rabu, 27 November 2024",
        place_date="Kota Kediri, 25 November 2024",
        created="D:20241125160000+07'00'",
        blocks=[
            ("p", ("Memperhatikan peringatan dini cuaca yang menyebutkan potensi hujan lebat disertai angin kencang "
                   "di wilayah Jawa Timur pada akhir November 2024, Bawaslu Kota Kediri menyampaikan informasi "
                   "serta merta ini kepada masyarakat, peserta pemilihan, dan jajaran pengawas.")),
            ("h", "Hasil pemetaan pengawas"),
            ("p", ("Berdasarkan pemetaan kerawanan TPS oleh Panwaslu Kelurahan dan Pengawas TPS, terdapat sejumlah "
                   "TPS yang berada di lokasi rawan genangan air, terutama di permukiman dekat aliran sungai dan "
                   "saluran drainase. Daftar TPS tersebut telah disampaikan kepada KPU Kota Kediri sebagai bahan "
                   "penyiapan lokasi cadangan dan perlengkapan pelindung logistik.")),
            ("h", "Imbauan"),
            ("li", ("1. Pemilih diimbau memeriksa lokasi TPS pada surat pemberitahuan memilih dan mengikuti "
                    "pengumuman resmi KPU Kota Kediri, PPS, dan KPPS apabila lokasi TPS dipindahkan.")),
            ("li", ("2. Pemindahan lokasi TPS hanya sah apabila diumumkan oleh penyelenggara. Jangan mempercayai pesan "
                    "berantai yang tidak menyebutkan sumber resmi.")),
            ("li", ("3. Pengawas TPS wajib mencatat setiap pemindahan lokasi TPS, waktu pemindahan, dan kondisi "
                    "logistik dalam laporan hasil pengawasan.")),
            ("li", ("4. Masyarakat dapat menyampaikan informasi kondisi TPS kepada posko pengaduan Bawaslu Kota "
                    "Kediri atau sekretariat Panwaslu Kecamatan terdekat.")),
        ],
    ),
    Document(
        path="berkas/dokumen/daftar-informasi-publik-2024.pdf",
        title="Daftar Informasi Publik Bawaslu Kota Kediri Tahun 2024",
        subject="Informasi tersedia setiap saat: daftar informasi publik",
        number="Disusun oleh Pejabat Pengelola Informasi dan Dokumentasi (PPID)",
        place_date="Kota Kediri, 2 Januari 2024",
        created="D:20240102090000+07'00'",
        blocks=[
            ("p", ("Sesuai Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik, Bawaslu Kota Kediri "
                   "menetapkan daftar informasi publik yang dikuasai dan dapat diakses oleh masyarakat.")),
            ("h", "A. Informasi yang wajib diumumkan secara berkala"),
            ("li", "1. Profil, tugas, wewenang, dan kewajiban Bawaslu Kota Kediri."),
            ("li", "2. Ringkasan program, kegiatan, dan laporan kinerja tahunan."),
            ("li", "3. Ringkasan laporan keuangan dan realisasi anggaran."),
            ("li", "4. Laporan hasil pengawasan setiap tahapan pemilu dan pemilihan."),
            ("h", "B. Informasi yang wajib diumumkan serta merta"),
            ("li", ("1. Informasi tentang keadaan darurat, bencana, atau gangguan keamanan yang berdampak pada "
                    "pelaksanaan tahapan, termasuk TPS terdampak.")),
            ("h", "C. Informasi yang wajib tersedia setiap saat"),
            ("li", "1. Daftar informasi publik ini."),
            ("li", "2. Peraturan, keputusan, dan surat edaran yang menjadi dasar pengawasan."),
            ("li", "3. Standar operasional prosedur pelayanan permohonan informasi publik."),
            ("li", "4. Register penanganan pelanggaran yang telah selesai ditangani."),
            ("p", ("Permohonan salinan informasi dapat diajukan langsung di kantor Bawaslu Kota Kediri atau melalui "
                   "surel layanan informasi publik.")),
        ],
    ),
    Document(
        path="berkas/dokumen/sop-permohonan-informasi.pdf",
        title="Standar Operasional Prosedur Pelayanan Permohonan Informasi Publik",
        subject="Informasi tersedia setiap saat: SOP permohonan informasi",
        number="Pejabat Pengelola Informasi dan Dokumentasi (PPID) Bawaslu Kota Kediri",
        place_date="Kota Kediri, 2 Januari 2024",
        created="D:20240102100000+07'00'",
        blocks=[
            ("h", "Dasar hukum"),
            ("p", "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik dan peraturan pelaksanaannya."),
            ("h", "Langkah pelayanan"),
            ("li", ("1. Pemohon mengisi formulir permohonan informasi di meja layanan atau mengirimkannya melalui surel, "
                    "dengan melampirkan salinan kartu identitas.")),
            ("li", ("2. Petugas mencatat permohonan dalam register dan memberikan tanda bukti penerimaan beserta "
                    "nomor registrasi.")),
            ("li", ("3. PPID memeriksa apakah informasi yang diminta dikuasai Bawaslu Kota Kediri dan termasuk "
                    "informasi terbuka.")),
            ("li", ("4. PPID menyampaikan pemberitahuan tertulis paling lambat 10 (sepuluh) hari kerja sejak "
                    "permohonan diterima; jangka waktu ini dapat diperpanjang paling lambat 7 (tujuh) hari kerja "
                    "dengan alasan tertulis.")),
            ("li", ("5. Informasi diberikan dalam bentuk salinan cetak atau berkas elektronik tanpa biaya, kecuali "
                    "biaya penggandaan sesuai ketentuan.")),
            ("h", "Keberatan"),
            ("p", ("Pemohon yang tidak puas atas tanggapan PPID dapat mengajukan keberatan kepada atasan PPID paling "
                   "lambat 30 (tiga puluh) hari kerja setelah ditemukannya alasan keberatan. Apabila tanggapan atasan "
                   "PPID tidak memuaskan, pemohon dapat mengajukan penyelesaian sengketa informasi kepada Komisi "
                   "Informasi sesuai ketentuan peraturan perundang-undangan.")),
        ],
    ),
    Document(
        path="berkas/pengumuman/rekrutmen-ptps.pdf",
        title="Pengumuman Pendaftaran Calon Pengawas TPS Pemilihan Tahun 2024",
        subject="Pengumuman: pembentukan Pengawas TPS Pemilihan Walikota dan Wakil Walikota Kediri 2024",
        number="Pemilihan Walikota dan Wakil Walikota Kediri Tahun 2024",
        place_date="Kota Kediri, 30 September 2024",
        created="D:20240930090000+07'00'",
        blocks=[
            ("p", ("Dalam rangka pembentukan Pengawas Tempat Pemungutan Suara (Pengawas TPS) Pemilihan Walikota dan "
                   "Wakil Walikota Kediri Tahun 2024, Panwaslu Kecamatan Kota, Mojoroto dan Pesantren membuka "
                   "kesempatan kepada warga negara Indonesia yang memenuhi syarat untuk mendaftar.")),
            ("h", "Persyaratan"),
            ("li", "1. Warga negara Indonesia, berusia paling rendah 21 (dua puluh satu) tahun pada saat pendaftaran."),
            ("li", ("2. Setia kepada Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, dan "
                    "cita-cita Proklamasi 17 Agustus 1945.")),
            ("li", "3. Mempunyai integritas, pribadi yang kuat, jujur, dan adil."),
            ("li", "4. Berpendidikan paling rendah sekolah menengah atas atau sederajat."),
            ("li", "5. Berdomisili di wilayah kelurahan tempat TPS berada."),
            ("li", "6. Tidak menjadi anggota partai politik dan tidak menjadi anggota tim kampanye pasangan calon."),
            ("li", "7. Sehat jasmani, rohani, dan bebas dari penyalahgunaan narkotika."),
            ("h", "Waktu dan tempat pendaftaran"),
            ("p", ("Pendaftaran dibuka sampai dengan Kamis, 10 Oktober 2024, setiap hari kerja pukul 08.00 - 16.00 "
                   "WIB, di sekretariat Panwaslu Kecamatan sesuai domisili pendaftar. Formulir pendaftaran dan "
                   "surat pernyataan tersedia di sekretariat Panwaslu Kecamatan.")),
            ("p", ("Seluruh proses pendaftaran dan seleksi tidak dipungut biaya. Hasil seleksi diumumkan oleh "
                   "Panwaslu Kecamatan masing-masing.")),
        ],
    ),
    Document(
        path="berkas/pengumuman/posko-pengaduan.pdf",
        title="Posko Pengaduan Masyarakat Masa Tenang sampai Rekapitulasi",
        subject="Pengumuman: posko pengaduan dugaan pelanggaran Pemilihan 2024",
        number="Pemilihan Walikota dan Wakil Walikota Kediri Tahun 2024",
        place_date="Kota Kediri, 23 November 2024",
        created="D:20241123090000+07'00'",
        blocks=[
            ("p", ("Bawaslu Kota Kediri membuka posko pengaduan masyarakat selama masa tenang, hari pemungutan dan "
                   "penghitungan suara, serta rekapitulasi hasil penghitungan suara, mulai Minggu, 24 November 2024 "
                   "sampai dengan Selasa, 31 Desember 2024.")),
            ("h", "Lokasi posko"),
            ("li", ("1. Kantor Bawaslu Kota Kediri, Jl. Penanggungan No. 2, Kota Kediri, dibuka setiap hari pukul "
                    "08.00 - 21.00 WIB; pada hari pemungutan suara dibuka sampai penghitungan suara di TPS selesai.")),
            ("li", ("2. Sekretariat Panwaslu Kecamatan Kota, Panwaslu Kecamatan Mojoroto, dan Panwaslu Kecamatan "
                    "Pesantren, pada jam kerja.")),
            ("h", "Yang dapat dilaporkan"),
            ("p", ("Dugaan politik uang, kampanye di masa tenang, ketidaknetralan aparatur sipil negara, gangguan "
                   "di TPS, serta dugaan pelanggaran lain dalam pemungutan, penghitungan, dan rekapitulasi suara.")),
            ("h", "Cara melapor"),
            ("p", ("Laporan memuat identitas pelapor, pihak terlapor, waktu dan tempat kejadian, uraian kejadian, "
                   "serta bukti dan saksi. Laporan disampaikan paling lama 7 (tujuh) hari sejak diketahuinya dugaan "
                   "pelanggaran. Identitas pelapor dijaga kerahasiaannya.")),
        ],
    ),
]


# ---------------------------------------------------------------------------------------------
# Text layout


def text_width(text: str, size: float, bold: bool = False) -> float:
    widths = _HELVETICA_BOLD if bold else _HELVETICA
    return sum(widths.get(ch, _WIDE.get(ch, 611)) for ch in text) * size / 1000


def wrap(text: str, size: float, width: float, bold: bool = False, indent: float = 0) -> list[str]:
    """Greedy line breaking at spaces; `indent` narrows every line after the first."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        limit = width - (indent if lines else 0)
        if current and text_width(candidate, size, bold) > limit:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def pdf_string(text: str) -> bytes:
    """A literal string in WinAnsiEncoding, with the three special characters escaped."""
    encoded = text.encode("cp1252")  # raises on a character the fonts cannot show
    return b"(" + encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf_text_string(text: str) -> bytes:
    """A text string for the document information: UTF-16BE with byte order mark, in hex."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


class Pages:
    """Content streams of the pages, filled top to bottom; a new page when the current one is full."""

    def __init__(self) -> None:
        self.streams: list[list[bytes]] = []
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        self.streams.append([])
        self.y = TOP

    def room(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.new_page()

    def text(self, x: float, text: str, size: float, bold: bool = False) -> None:
        font = b"/F2" if bold else b"/F1"
        self.streams[-1].append(
            b"BT " + font + b" %g Tf %.2f %.2f Td " % (size, x, self.y) + pdf_string(text) + b" Tj ET")

    def centred(self, text: str, size: float, bold: bool = False) -> None:
        self.text((PAGE_WIDTH - text_width(text, size, bold)) / 2, text, size, bold)

    def rule(self, width: float = 0.8) -> None:
        self.streams[-1].append(b"%g w %d %.2f m %d %.2f l S" % (width, MARGIN_LEFT, self.y, PAGE_WIDTH - MARGIN_RIGHT, self.y))


def lay_out(doc: Document) -> list[bytes]:
    """The content stream of every page of `doc`."""
    pages = Pages()
    pages.centred(OFFICE, 13, bold=True)
    pages.y -= 16
    pages.centred(OFFICE_CITY, 13, bold=True)
    pages.y -= 13
    pages.centred(OFFICE_ADDRESS, 8)
    pages.y -= 9
    pages.rule(1.2)
    pages.y -= 30
    for line in wrap(doc.title, 13, TEXT_WIDTH, bold=True):
        pages.centred(line, 13, bold=True)
        pages.y -= 17
    if doc.number:
        for line in wrap(doc.number, 10, TEXT_WIDTH):
            pages.centred(line, 10)
            pages.y -= 14
    pages.y -= 12
    body, leading = 10.5, 15
    for kind, content in doc.blocks:
        if kind == "h":
            pages.room(leading * 3)
            pages.y -= 4
            pages.text(MARGIN_LEFT, content, 11, bold=True)
            pages.y -= leading + 2
        elif kind == "p":
            for line in wrap(content, body, TEXT_WIDTH):
                pages.room(leading)
                pages.text(MARGIN_LEFT, line, body)
                pages.y -= leading
            pages.y -= 6
        elif kind == "li":
            marker, _, rest = content.partition(" ")
            hang = 18
            for number, line in enumerate(wrap(rest, body, TEXT_WIDTH - hang)):
                pages.room(leading)
                if number == 0:
                    pages.text(MARGIN_LEFT, marker, body)
                pages.text(MARGIN_LEFT + hang, line, body)
                pages.y -= leading
            pages.y -= 3
        else:
            raise ValueError(f"unknown block kind {kind!r} in {doc.path}")
    pages.room(leading * 4)
    pages.y -= 18
    pages.text(PAGE_WIDTH - MARGIN_RIGHT - 200, doc.place_date, body)
    pages.y -= leading
    pages.text(PAGE_WIDTH - MARGIN_RIGHT - 200, AUTHOR, body, bold=True)
    streams = []
    count = len(pages.streams)
    for number, parts in enumerate(pages.streams, start=1):
        footer = f"{FOOTER}   Halaman {number} dari {count}"
        parts.append(b"0.35 g BT /F1 7.5 Tf %d %d Td " % (MARGIN_LEFT, 40) + pdf_string(footer) + b" Tj ET 0 g")
        streams.append(b"\n".join(parts) + b"\n")
    return streams


# ---------------------------------------------------------------------------------------------
# PDF file structure


def build_pdf(doc: Document) -> bytes:
    streams = lay_out(doc)
    first_page = 6
    page_ids = [first_page + 2 * i for i in range(len(streams))]
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R /Lang (id-ID) /ViewerPreferences << /DisplayDocTitle true >> >>",
        2: b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % i for i in page_ids) + b"] /Count %d >>" % len(page_ids),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        5: b"<< /Title " + pdf_text_string(doc.title) + b" /Author " + pdf_text_string(AUTHOR)
           + b" /Subject " + pdf_text_string(doc.subject) + b" /Creator (tools/make_sample_pdfs.py)"
           + b" /Producer (Warta) /CreationDate (" + doc.created.encode("ascii") + b") >>",
    }
    for page_id, stream in zip(page_ids, streams, strict=True):
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] " % (PAGE_WIDTH, PAGE_HEIGHT)
            + b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % (page_id + 1))
        objects[page_id + 1] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream"

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number]
    file_id = hashlib.md5(bytes(out)).hexdigest().upper().encode("ascii")
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R /ID [<%s> <%s>] >>\n" % (size, file_id, file_id)
            + b"startxref\n%d\n%%%%EOF\n" % xref_at)
    return bytes(out)


def check_structure(data: bytes) -> list[str]:
    """Problems found by re-reading the file: header, startxref, every xref offset, the trailer."""
    problems = []
    if not data.startswith(b"%PDF-1.4\n"):
        problems.append("does not start with %PDF-1.4")
    found = re.search(rb"startxref\n(\d+)\n%%EOF\n$", data)
    if not found:
        return problems + ["no startxref / %%EOF at the end"]
    xref_at = int(found.group(1))
    header = re.match(rb"xref\n0 (\d+)\n", data[xref_at:])
    if not header:
        return problems + [f"startxref {xref_at} does not point at an xref table"]
    size = int(header.group(1))
    entries = data[xref_at + header.end(): xref_at + header.end() + 20 * size]
    for number in range(size):
        entry = entries[20 * number: 20 * number + 20]
        if number == 0:
            if entry != b"0000000000 65535 f \n":
                problems.append("xref entry 0 is not the free-list head")
            continue
        offset = int(entry[:10])
        if not data[offset:].startswith(b"%d 0 obj\n" % number) or entry[10:] != b" 00000 n \n":
            problems.append(f"xref entry {number} points at offset {offset}, not at object {number}")
    trailer = data[xref_at + header.end() + 20 * size:]
    if not trailer.startswith(b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R" % size):
        problems.append("trailer does not follow the xref table")
    for stream in re.finditer(rb"<< /Length (\d+) >>\nstream\n", data):
        end = stream.end() + int(stream.group(1))
        if data[end:end + 9] != b"endstream":
            problems.append(f"stream at {stream.start()} has a wrong /Length")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="site folder (default: the repository root, the bundled sample site)")
    parser.add_argument("--check", action="store_true", help="verify the files instead of writing them")
    args = parser.parse_args(argv)
    failed = False
    for doc in DOCUMENTS:
        target = args.site / "static" / doc.path
        data = build_pdf(doc)
        problems = check_structure(data)
        if args.check:
            if not target.is_file():
                problems.append("missing")
            elif target.read_bytes() != data:
                problems.append("differs from what this script writes; run it again")
            else:
                problems += check_structure(target.read_bytes())
        elif not problems:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if len(data) >= 30_000:
            problems.append(f"{len(data)} bytes, the budget is 30,000")
        for problem in problems:
            print(f"{target}: {problem}", file=sys.stderr)
        failed = failed or bool(problems)
        if not problems:
            print(f"{target.relative_to(args.site)}: {len(data)} bytes")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
