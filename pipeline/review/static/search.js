// newspipe search: filters the compact index embedded in this page. Builds rows with
// textContent only, so article data can never become markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("index-data").textContent);
  var rows = data.articles, limit = data.limit;
  var input = document.getElementById("q");
  var body = document.getElementById("results");
  var count = document.getElementById("count");
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var haystack = rows.map(function (r) { return fold(r[0] + "\n" + r[4] + "\n" + r[5]); });
  function cell(tr, text) {
    var td = document.createElement("td");
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }
  function render() {
    var terms = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0, found = 0;
    var frag = document.createDocumentFragment();
    for (var i = 0; i < rows.length; i++) {
      var h = haystack[i], ok = true;
      for (var t = 0; t < terms.length; t++) {
        if (h.indexOf(terms[t]) < 0) { ok = false; break; }
      }
      if (!ok) continue;
      found++;
      if (shown >= limit) continue;
      shown++;
      var r = rows[i], tr = document.createElement("tr");
      var a = document.createElement("a");
      a.href = r[1];
      a.textContent = r[0];
      cell(tr, "").appendChild(a);
      cell(tr, r[2]);
      cell(tr, r[3]);
      cell(tr, r[4].split("\n").join("; "));
      cell(tr, r[5].split("\n").join("; "));
      frag.appendChild(tr);
    }
    body.replaceChildren(frag);
    count.textContent = found + " of " + rows.length + " articles match" +
      (found > shown ? " (first " + shown + " shown)" : "");
  }
  var params = new URLSearchParams(location.search);
  var initial = params.get("q");
  if (!initial && location.hash) {
    try { initial = decodeURIComponent(location.hash.replace(/^#(q=)?/, "")); }
    catch (e) { initial = ""; }
  }
  input.value = initial || "";
  input.addEventListener("input", render);
  document.documentElement.setAttribute("data-search-ready", "1");
  render();
})();
