/* fabula reader: quote cards, cast focus, table-of-contents tracking.  Text is only ever
   inserted with textContent, so nothing from the story can become markup. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("fabula-data").textContent);
  var chars = data.chars, quotes = data.quotes, types = data.types;
  var pop = document.getElementById("pop");
  var text = document.querySelector("main.text");
  var pinned = null;

  /* Number the <q> elements as the page was written: in order, unless data-q (a jump) or
     data-c (the rest of a quote begun in an earlier paragraph) says otherwise. */
  var parts = [];
  var els = text.getElementsByTagName("q");
  for (var i = 0, next = 0; i < els.length; i++) {
    var el = els[i], n;
    if (el.hasAttribute("data-c")) n = +el.getAttribute("data-c");
    else {
      if (el.hasAttribute("data-q")) next = +el.getAttribute("data-q");
      n = next++;
    }
    el.qi = n;
    el.tabIndex = 0;
    (parts[n] = parts[n] || []).push(el);
  }

  function name(i) { return i >= 0 && chars[i] ? chars[i].name : "unknown"; }

  function row(label, value) {
    var div = document.createElement("div"), span = document.createElement("span");
    div.className = "row";
    div.textContent = label + ": ";
    span.textContent = value;
    div.appendChild(span);
    return div;
  }

  function show(el) {
    var q = quotes[el.qi];
    if (!q) return;
    var speaker = q[0], addressees = q[1];
    pop.textContent = "";
    var head = document.createElement("b");
    head.textContent = name(speaker);
    pop.appendChild(head);
    pop.appendChild(row("to", addressees.length ? addressees.map(name).join(", ") : "—"));
    pop.appendChild(row("type", types[q[2]] || "—"));
    pop.appendChild(row("confidence", q[3] == null ? "—" : (100 * q[3]).toFixed(0) + "%"));
    if (q[4]) pop.appendChild(row("conversation", q[4]));
    pop.style.setProperty("--c", speaker >= 0 && chars[speaker] ? chars[speaker].color : "");
    pop.hidden = false;
    var r = el.getBoundingClientRect(), w = pop.offsetWidth;
    var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - w - 8);
    pop.style.left = Math.max(window.scrollX + 8, left) + "px";
    pop.style.top = (window.scrollY + r.bottom + 6) + "px";
  }

  function hide() { if (pinned === null) pop.hidden = true; }

  function mark(n, on) {
    var list = parts[n] || [];
    for (var i = 0; i < list.length; i++) list[i].classList.toggle("on", on);
  }

  function quoteOf(e) { return e.target.closest ? e.target.closest("main q") : null; }

  function enter(e) {
    var q = quoteOf(e);
    if (q && pinned === null) { show(q); mark(q.qi, true); }
  }
  function leave(e) {
    var q = quoteOf(e);
    if (q && pinned === null) { mark(q.qi, false); hide(); }
  }
  function unpin() {
    if (pinned !== null) { mark(pinned, false); pinned = null; pop.hidden = true; }
  }

  text.addEventListener("mouseover", enter);
  text.addEventListener("mouseout", leave);
  /* Keyboard: Tab moves through the quotes and shows each card; Enter pins it. */
  text.addEventListener("focusin", enter);
  text.addEventListener("focusout", leave);
  text.addEventListener("click", function (e) {
    var q = quoteOf(e);
    unpin();
    if (q) { pinned = q.qi; mark(pinned, true); show(q); }
  });
  text.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && quoteOf(e)) quoteOf(e).click();
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") unpin(); });

  /* Cast focus: click a character to fade every quote not spoken by them. */
  var focused = null;
  var rows = document.querySelectorAll("table.cast tr[data-k]");
  function focus(k) {
    focused = focused === k ? null : k;
    document.body.classList.toggle("focus", focused !== null);
    for (var i = 0; i < els.length; i++) els[i].classList.toggle("dim", focused !== null && !els[i].classList.contains(focused));
    for (var j = 0; j < rows.length; j++) rows[j].classList.toggle("sel", rows[j].getAttribute("data-k") === focused);
  }
  for (var r = 0; r < rows.length; r++) {
    rows[r].addEventListener("click", function () { focus(this.getAttribute("data-k")); });
  }

  /* A long cast is folded after the first rows. */
  var more = document.querySelector("button.more");
  if (more) {
    more.setAttribute("data-all", more.textContent);
    more.addEventListener("click", function () {
      var tail = document.querySelector("tbody.more");
      tail.hidden = !tail.hidden;
      more.textContent = tail.hidden ? more.getAttribute("data-all") : "fewer characters";
    });
  }

  /* Table of contents: mark the chapter or scene being read. */
  var links = document.querySelectorAll("nav.toc a[href^='#']");
  if (links.length && "IntersectionObserver" in window) {
    var byId = {};
    for (var l = 0; l < links.length; l++) byId[links[l].getAttribute("href").slice(1)] = links[l];
    var current = null;
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (en) {
        if (en.isIntersecting && byId[en.target.id]) {
          if (current) current.classList.remove("here");
          current = byId[en.target.id];
          current.classList.add("here");
        }
      });
    }, { rootMargin: "0px 0px -70% 0px" });
    Object.keys(byId).forEach(function (id) { var t = document.getElementById(id); if (t) seen.observe(t); });
  }
})();
