// The search page: Pagefind's own UI (served from this site, in Indonesian), started with the
// words typed into the header's search box (?q=...).
(function () {
  if (typeof PagefindUI === "undefined") {
    var box = document.getElementById("cari");
    if (box) box.innerHTML = '<p class="pemberitahuan">Indeks pencarian belum tersedia. Silakan telusuri berita melalui menu Tahapan, Lembaga atau Arsip.</p>';
    return;
  }
  var ui = new PagefindUI({
    element: "#cari",
    showSubResults: false,
    showImages: false,
    resetStyles: false,
    translations: { placeholder: "Cari berita, misalnya: apel siaga Polres", zero_results: "Tidak ada berita untuk [SEARCH_TERM]" }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
