// The search page: a small interface on Pagefind's JavaScript API (pagefind.js, served from this site).
// The page says which filters exist and how to order their values (#cari-data, from the site model:
// stages in the timeline's order); /cari/?q=...&tahapan=... fills the box and the filters and searches,
// and the address follows what is typed and chosen, so it can be shared.
const root = document.getElementById("cari");
const { filters: groups } = JSON.parse(document.getElementById("cari-data").textContent);
const box = document.getElementById("cari-kata");
const panel = document.getElementById("cari-saring");
const choices = document.getElementById("cari-pilihan");
const chosenCount = document.getElementById("cari-dipilih");
const status = document.getElementById("cari-status");
const list = document.getElementById("cari-daftar");
const more = document.getElementById("cari-lagi");
const hint = document.getElementById("cari-petunjuk");
const PER_PAGE = 10;
const SHORT = 8;
const opened = new Set();  // long filter groups showing every value
const collator = new Intl.Collator("id", { sensitivity: "base", numeric: true });
let pagefind, totals, drawn, results = [], shown = 0, latest = 0, timer;

const make = (tag, className, text) => {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
};

function chosen() {
  const picked = {};
  for (const input of choices.querySelectorAll("input:checked")) (picked[input.name] ||= []).push(input.value);
  return picked;
}

// Pagefind filters: any of the values chosen in a group, every group (but `except`).
function asFilters(picked, except) {
  const filters = {};
  for (const name in picked) if (name !== except) filters[name] = { any: picked[name] };
  return filters;
}

function ordered(group, values) {
  if (group.order.length) {
    const rank = new Map(group.order.map((value, i) => [value, i]));
    const place = (value) => rank.get(value) ?? group.order.length;
    return values.sort((a, b) => place(a) - place(b) || collator.compare(a, b));
  }
  return values.sort(group.newest_first ? (a, b) => collator.compare(b, a) : collator.compare);
}

// An element of the filters that is the same after they are drawn again: a checkbox or a group's button.
const identity = (element) => `${element.name || element.dataset.group}\n${element.value}`;

// The filter groups with their counts; values without results are left out unless chosen. A long group
// (agencies, as a site grows) shows its SHORT most frequent values until "Tampilkan semua" is pressed.
function drawFilters(counts, picked) {
  drawn = { counts, picked };
  const focused = choices.contains(document.activeElement) ? identity(document.activeElement) : null;
  const fieldsets = [];
  for (const group of groups) {
    // A Map, not the object: a value may be called "constructor" or "toString", which every object has.
    const values = new Map(Object.entries(counts[group.name] || {}));
    const mine = picked[group.name] || [];
    const names = ordered(group, [...new Set([...[...values.keys()].filter((v) => values.get(v) > 0), ...mine])]);
    if (!names.length) continue;
    const long = names.length > SHORT + 2;
    const top = new Set([...names].sort((a, b) => (values.get(b) || 0) - (values.get(a) || 0)).slice(0, SHORT));
    const fieldset = make("fieldset");
    fieldset.append(make("legend", "", group.label));
    for (const value of names) {
      if (long && !opened.has(group.name) && !top.has(value) && !mine.includes(value)) continue;
      const label = make("label");
      const input = make("input");
      Object.assign(input, { type: "checkbox", name: group.name, value, checked: mine.includes(value) });
      const text = make("span", "", value);
      if (values.get(value)) text.append(" ", make("span", "jumlah", `(${values.get(value)})`));  // never "(0)"
      label.append(input, text);
      fieldset.append(label);
    }
    if (long) {
      const all = opened.has(group.name);
      const button = make("button", "cari-semua", all ? "Tampilkan lebih sedikit"
        : `Tampilkan semua ${group.in_sentence} (${names.length})`);
      Object.assign(button, { type: "button", value: "" });
      button.dataset.group = group.name;
      button.setAttribute("aria-expanded", String(all));
      fieldset.append(button);
    }
    fieldsets.push(fieldset);
  }
  choices.replaceChildren(...fieldsets);
  panel.hidden = !fieldsets.length;
  const count = Object.values(picked).reduce((sum, values) => sum + values.length, 0);
  chosenCount.textContent = count ? `(${count} dipilih)` : "";
  if (focused) {
    const same = [...choices.querySelectorAll("input, button")].find((element) => identity(element) === focused);
    (same || panel.querySelector("summary")).focus();
  }
}

function remember(query, picked) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const group of groups) for (const value of picked[group.name] || []) params.append(group.name, value);
  const search = params.toString();
  history.replaceState(history.state, "", search ? `?${search}` : location.pathname);
}

async function run() {
  clearTimeout(timer);
  const mine = ++latest;
  if (!pagefind) await loading.catch(() => {});
  if (!pagefind || mine !== latest) return;
  const query = box.value.trim();
  const picked = chosen();
  remember(query, picked);
  hint.hidden = Boolean(query || Object.keys(picked).length);
  if (!query && !Object.keys(picked).length) {
    results = [];
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "";
    drawFilters(totals, picked);
    return;
  }
  const options = (except) => ({ filters: asFilters(picked, except), sort: query ? undefined : { tanggal: "desc" } });
  const found = await pagefind.search(query || null, options());
  // A group's own counts ignore what is chosen in it: choosing more of a group widens the results.
  const counts = { ...found.filters };
  for (const name in picked) counts[name] = (await pagefind.search(query || null, options(name))).filters[name];
  if (mine !== latest) return;
  results = found.results;
  shown = 0;
  list.replaceChildren();
  drawFilters(counts, picked);
  const n = results.length;
  const words = query ? ` untuk “${query}”` : "";
  status.textContent = n ? `${n} hasil${words}` : `Tidak ada hasil${words}`;
  await showMore(mine);
}

// The headline is indexed (its words rank the results) but already shown above the excerpt:
// an excerpt that starts with it goes on from where it ends, unless little would be left.
function afterTitle(excerpt, title) {
  if (!title || !excerpt.replace(/<\/?mark>/g, "").startsWith(title)) return excerpt;
  let at = 0, seen = 0, marked = false;
  while (seen < title.length) {
    const tag = excerpt.startsWith("<mark>", at) ? "<mark>" : excerpt.startsWith("</mark>", at) ? "</mark>" : "";
    if (tag) { marked = tag === "<mark>"; at += tag.length; } else { at += 1; seen += 1; }
  }
  const rest = (marked ? "<mark>" : "") + excerpt.slice(at).replace(/^(<\/mark>)?[\s.,:;–-]+/, (_, end) => end || "");
  return rest.replace(/<\/?mark>/g, "").trim().split(/\s+/).length >= 8 ? rest.replace(/^<mark><\/mark>/, "") : excerpt;
}

function card(data) {
  const item = make("li", "hasil");
  const heading = make("h2", "hasil-judul");
  const link = make("a", "", data.meta.title || data.url);
  link.href = data.url;
  heading.append(link);
  const about = [data.meta.tanggal, (data.filters.jenis || [])[0]].filter(Boolean).join(" · ");
  const excerpt = make("p", "cuplikan");
  // Pagefind escapes the page's text and adds only <mark>; anything else is shown as text all the same.
  excerpt.innerHTML = afterTitle((data.excerpt || "").replace(/<(?!\/?mark>)/g, "&lt;"), link.innerHTML);
  item.append(heading);
  if (about) item.append(make("p", "meta", about));
  item.append(excerpt);
  return item;
}

async function showMore(mine) {
  const next = results.slice(shown, shown + PER_PAGE);
  const data = await Promise.all(next.map((result) => result.data()));
  if (mine !== latest) return;
  const cards = data.map(card);
  list.append(...cards);
  shown += next.length;
  more.hidden = shown >= results.length;
  return cards[0];
}

// What the address asks for is in the box at once; typing may start before the index is loaded.
const params = new URLSearchParams(location.search);
box.value = params.get("q") || "";
const asked = {};
for (const group of groups) if (params.getAll(group.name).length) asked[group.name] = params.getAll(group.name);
const loading = import(root.dataset.pagefind).then(async (module) => {
  await module.options({ excerptLength: 40 });  // room for the headline, cut off above
  totals = await module.filters();
  pagefind = module;
});
loading.then(() => {
  drawFilters(totals, asked);
  panel.open = matchMedia("(min-width: 48rem)").matches;
  if (box.value.trim() || Object.keys(asked).length) run();
}, () => {
  status.textContent = "Indeks pencarian belum tersedia. Silakan telusuri berita melalui menu Tahapan, Lembaga atau Arsip.";
  root.querySelector("form").hidden = true;
});
box.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(run, 300);
});
root.querySelector("form").addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});
choices.addEventListener("change", run);
choices.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button) return;
  opened.has(button.dataset.group) ? opened.delete(button.dataset.group) : opened.add(button.dataset.group);
  drawFilters(drawn.counts, drawn.picked);
});
more.addEventListener("click", async () => {
  const first = await showMore(latest);
  if (first) first.querySelector("a").focus();
});
