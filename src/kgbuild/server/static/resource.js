// Charts and the neighbourhood graph of a resource page (a file of its own for the CSP).
// One chart per measure, each with its own axes titled by year and by value and unit: two measures on
// one axis (or on two unlabelled ones) make 84 -> 76 unions and 4,609 -> 4,500 members the same slope.
// Bars from zero: a count's change reads at its true size, and a single year is still a readable chart.
const figures = JSON.parse(document.getElementById("figures").textContent);
const axes = JSON.parse(document.getElementById("axis-titles").textContent);
const locale = document.documentElement.lang === "en" ? "en" : "vi";
if (figures.length && window.Chart) {
  for (const m of figures) {
    const canvas = document.querySelector(`canvas.measure-chart[data-measure="${m.measure}"]`);
    if (!canvas) continue;
    const unit = m.unit ? ` (${m.unit})` : "";
    new Chart(canvas, {
      type: "bar",
      data: { labels: m.points.map((p) => p.year),
              datasets: [{ label: m.label, data: m.points.map((p) => p.value), borderColor: "#17324d",
                           backgroundColor: "#5b7fa6", maxBarThickness: 56 }] },
      options: { animation: false, maintainAspectRatio: false, locale,
                 plugins: { legend: { display: false } },
                 scales: { x: { title: { display: true, text: axes.year } },
                           y: { title: { display: true, text: axes.value + unit }, beginAtZero: true,
                                ticks: { precision: 0 } } } },
    });
    canvas.dataset.drawn = "true";
  }
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
