// The query page: YASGUI on this endpoint and the named questions (a file of its own for the CSP).
// Nothing here asks another server: the editor's prefix completion reads this server's own prefix list
// (it would ask prefix.cc), the class and property completions (which ask LOV) are off, and results show
// this dataset's IRIs as links to their local pages and literals by their value, the datatype on hover.
const queries = JSON.parse(document.getElementById("named-queries").textContent);
const site = JSON.parse(document.getElementById("site").textContent);
const ontology = "https://w3id.org/kgbuild/ontology";

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
function localHref(iri) {
  if (iri.startsWith(ontology)) {
    const rest = iri.slice(ontology.length);
    return "/ontology#" + encodeURIComponent(rest.startsWith("#") ? rest.slice(1) : rest.slice(1).replace(/\//g, "-"));
  }
  if (iri.startsWith(site.base)) return "/" + iri.slice(site.base.length);
  return /^https?:\/\//i.test(iri) ? iri : "#";
}
function shortName(iri) {
  for (const [prefix, ns] of Object.entries(site.prefixes)) {
    if (iri.startsWith(ns) && iri.length > ns.length) return prefix + ":" + iri.slice(ns.length);
  }
  return iri;
}
const Table = Yasr.plugins.table;
Table.prototype.getCellContent = function (binding) {
  if (binding.type === "uri") {
    return `<div><span><a class="iri" href="${escape(localHref(binding.value))}" title="${escape(binding.value)}">` +
      `${escape(shortName(binding.value))}</a></span></div>`;
  }
  const hint = binding["xml:lang"] ? "@" + binding["xml:lang"] : binding.datatype ? shortName(binding.datatype) : "";
  const text = binding.type === "bnode" ? "_:" + binding.value : binding.value;
  return `<div><span class="nonIri"${hint ? ` title="${escape(hint)}"` : ""}>${escape(text)}</span></div>`;
};
const drawTable = Table.prototype.draw;
Table.prototype.draw = function (config) {  // whole values: a cut "412"… is no reading
  return drawTable.call(this, Object.assign({ isEllipsed: false }, config));
};

const yasgui = new Yasgui(document.getElementById("yasgui"), {
  requestConfig: { endpoint: new URL("/sparql", window.location).href, method: "POST" },
  copyEndpointOnNewTab: false, persistenceId: null, endpointCatalogueOptions: { getData: () => [] },
  yasqe: { prefixCcApi: new URL("/-/prefixes.json", window.location).href, autocompleters: ["prefixes", "variables"] },
  yasr: { prefixes: site.prefixes },
});
function open(name) {
  const q = queries.find((x) => x.name === name);
  if (!q) return;
  const tab = yasgui.getTab();
  tab.setQuery(q.sparql);
  tab.setName(q.title);
  document.getElementById("status").textContent = "…";
  tab.once("queryResponse", () => { document.getElementById("status").textContent = q.title; document.body.dataset.answered = name; });
  tab.query();
}
document.getElementById("named").addEventListener("change", (e) => open(e.target.value));
const selected = JSON.parse(document.getElementById("selected-query").textContent);
if (selected) open(selected);
