// The search box in every page's header: suggestions from /search as one types (no other server is asked).
(function () {
  var form = document.getElementById("kgb-search");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var list = document.getElementById("kgb-suggest");
  var timer = null, asked = "";
  function clear() { list.innerHTML = ""; list.hidden = true; input.setAttribute("aria-expanded", "false"); }
  function show(hits) {
    list.innerHTML = "";
    hits.forEach(function (h, i) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = h.page; a.id = "kgb-suggest-" + i; a.setAttribute("role", "option");
      a.textContent = h.name;
      var kind = document.createElement("span"); kind.className = "kind";
      kind.textContent = " " + h.type + " · " + h.articles;
      a.appendChild(kind); li.appendChild(a); list.appendChild(li);
    });
    list.hidden = hits.length === 0;
    input.setAttribute("aria-expanded", hits.length ? "true" : "false");
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { clear(); return; }
    timer = setTimeout(function () {
      asked = q;
      fetch("/search?format=json&limit=8&q=" + encodeURIComponent(q))
        .then(function (r) { return r.json(); })
        .then(function (body) { if (asked === q) show(body.hits); })
        .catch(clear);
    }, 120);
  });
  input.addEventListener("keydown", function (e) {
    var links = list.querySelectorAll("a"), at = Array.prototype.indexOf.call(links, document.activeElement);
    if (e.key === "ArrowDown" && links.length) { e.preventDefault(); links[Math.min(at + 1, links.length - 1)].focus(); }
    if (e.key === "Escape") clear();
  });
  list.addEventListener("keydown", function (e) {
    var links = list.querySelectorAll("a"), at = Array.prototype.indexOf.call(links, document.activeElement);
    if (e.key === "ArrowDown") { e.preventDefault(); if (at + 1 < links.length) links[at + 1].focus(); }
    if (e.key === "ArrowUp") { e.preventDefault(); if (at > 0) links[at - 1].focus(); else input.focus(); }
    if (e.key === "Escape") { clear(); input.focus(); }
  });
  document.addEventListener("click", function (e) { if (!form.contains(e.target)) clear(); });
})();
