// Charts and the neighbourhood graph of a resource page (a file of its own for the CSP).
const figures = JSON.parse(document.getElementById("figures").textContent);
if (figures.length && window.Chart) {
  const years = [...new Set(figures.map((f) => f.year))].sort();
  const series = (m) => years.map((y) => (figures.find((f) => f.year === y && f.measure === m) || {}).value ?? null);
  new Chart(document.getElementById("chart"), { type: "line", data: { labels: years, datasets: [
    { label: "Công đoàn cơ sở / grassroots unions", data: series("grassroots_unions"), yAxisID: "y", spanGaps: true },
    { label: "Đoàn viên / members", data: series("members"), yAxisID: "y1", spanGaps: true } ] },
    options: { elements: { point: { radius: 5 } }, scales: { y: { position: "left" }, y1: { position: "right", grid: { drawOnChartArea: false } } } } });
}
const graph = JSON.parse(document.getElementById("neighbourhood").textContent);
if (graph.nodes && window.cytoscape) {
  const base = JSON.parse(document.getElementById("base-iri").textContent);
  const colours = { self: "#17324d", event: "#c0692a", person: "#2a8c5a", place: "#7a55b0" };
  cytoscape({ container: document.getElementById("graph"),
    elements: [...graph.nodes.map((n) => ({ data: n })), ...graph.edges.map((e, i) => ({ data: { id: "e" + i, ...e } }))],
    style: [{ selector: "node", style: { label: "data(label)", "font-size": 9, "text-wrap": "ellipsis", "text-max-width": 120,
               "background-color": (n) => colours[n.data("kind")] || "#888" } },
            { selector: "edge", style: { width: 1, "line-color": "#b8c4d0" } }],
    layout: { name: "cose", animate: false } })
    .on("tap", "node", (e) => { const id = e.target.id(); if (id.startsWith(base)) window.location = "/" + id.slice(base.length); else if (/^https?:/i.test(id)) window.location = id; });
}
