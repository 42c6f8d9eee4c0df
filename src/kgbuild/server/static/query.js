// The query page: YASGUI on this endpoint and the named questions (a file of its own for the CSP).
const queries = JSON.parse(document.getElementById("named-queries").textContent);
const yasgui = new Yasgui(document.getElementById("yasgui"), {
  requestConfig: { endpoint: new URL("/sparql", window.location).href, method: "POST" },
  copyEndpointOnNewTab: false, persistenceId: null, endpointCatalogueOptions: { getData: () => [] },
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
