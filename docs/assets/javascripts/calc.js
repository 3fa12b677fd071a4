// Cost calculator: a finished video planned on every model and platform, cheapest first.
// Inputs live in the URL (?seconds=30&aspect=9:16&resolution=1080p&sound=native&input=text&videos=1&takes=1&budget=10).
// The plans come from plan.js (the planner of `videoguide cost`, generator/answers/plans.py, over
// the data the generator computed); a browser test compares every figure with the CLI.
(function () {
  var FIELDS = ["seconds", "aspect", "resolution", "sound", "input", "videos", "takes", "budget"];
  var DEFAULTS = {seconds: "8", aspect: "", resolution: "", sound: "", input: "text", videos: "1", takes: "1",
                  budget: ""};
  var P = window.vgPlan, dollars = P.dollars, shapeText = P.shapeText, sumText = P.sumText;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function pageOf(data, model) { return data.modelsHref + model.id + "/"; }

  function wholeNumber(value, min, max) {
    if (!/^\d+$/.test(value)) return null;
    var n = parseInt(value, 10);
    return n >= min && n <= max ? n : null;
  }

  var PICO_PER_CENT = 10000000000n;

  // "10" or "12.50" → pico-dollars; "" → undefined (no budget); anything else → null.
  function budgetPico(value) {
    if (value === "") return undefined;
    var m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(value);
    if (!m || parseFloat(value) > 1000000) return null;
    return (BigInt(m[1]) * 100n + BigInt((m[2] || "").padEnd(2, "0"))) * PICO_PER_CENT;
  }

  var LIMITS = {seconds: "the length: a whole number of seconds from 1 to 3600",
                videos: "the videos: a whole number from 1 to 100000",
                takes: "the takes: a whole number from 1 to 1000",
                budget: "the budget: dollars and cents up to 1000000, such as 10 or 12.50, or nothing"};

  // {job} or {bad: [field names]}.
  function readJob(form) {
    var v = function (name) { return form.elements[name].value; };
    var job = {seconds: wholeNumber(v("seconds"), 1, 3600), videos: wholeNumber(v("videos"), 1, 100000),
               takes: wholeNumber(v("takes"), 1, 1000), budget: budgetPico(v("budget").trim()),
               aspect: v("aspect"), resolution: v("resolution"), sound: v("sound"), input: v("input")};
    var bad = Object.keys(LIMITS).filter(function (name) { return job[name] === null; });
    return bad.length ? {bad: bad} : {job: job};
  }

  // Fills the form from the URL; returns what it could not use ("aspect=4:3").
  function readUrl(form) {
    var params = new URLSearchParams(window.location.search), ignored = [];
    FIELDS.forEach(function (name) {
      var value = params.has(name) ? params.get(name) : DEFAULTS[name];
      var input = form.elements[name];
      var allowed = input.tagName !== "SELECT" ||
        Array.prototype.some.call(input.options, function (o) { return o.value === value; });
      if (!allowed) ignored.push(name + "=" + value);
      input.value = allowed ? value : DEFAULTS[name];
    });
    params.forEach(function (value, key) { if (FIELDS.indexOf(key) < 0) ignored.push(key + "=" + value); });
    return ignored;
  }

  function writeUrl(root, form) {
    // Only while this calculator is the page shown: after instant navigation swapped it out, a late
    // "change" event must not write calculator fields into another page's address.
    var own = root.dataset.vgPage;
    var path = window.location.pathname.replace(/index\.html$/, "");
    if (!root.isConnected || !path.endsWith(own)) return;
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) { params.set(name, form.elements[name].value); });
    history.replaceState(history.state, "", window.location.pathname + "?" + params.toString());
  }

  function notesCell(data, plan) {
    var notes = el("td");
    [plan.offer, plan.extra].forEach(function (offer, i) {
      if (!offer) return;
      if (i) notes.appendChild(document.createTextNode("; extension: "));
      notes.appendChild(el("a", {href: offer.href}, offer.source));
      notes.appendChild(document.createTextNode(", checked " + offer.as_of));
      if (offer.stale) {
        notes.appendChild(document.createTextNode(" "));
        notes.appendChild(el("span", {"class": "vg-stale", title: "Checked more than " + data.staleAfter +
          " days before " + data.today + "; it may have changed"}, "stale"));
      }
    });
    if (plan.caveats.length) {
      var text = plan.caveats.map(function (c) { return data.caveats[c]; }).join("; ");
      notes.appendChild(document.createTextNode(". " + text.charAt(0).toUpperCase() + text.slice(1) + "."));
    }
    return notes;
  }

  function row(data, r) {
    var tr = el("tr", r.over ? {"class": "vg-calc__over"} : {});
    tr.appendChild(el("td", {"class": "vg-calc__total"}, r.total === null ? "price not documented"
      : dollars(r.total) + (r.over ? " (over budget)" : "")));
    var model = el("td");
    model.appendChild(el("a", {href: pageOf(data, r.model)}, r.model.name));
    tr.appendChild(model);
    tr.appendChild(el("td", {}, shapeText(r) + r.offer.where));
    tr.appendChild(el("td", {}, sumText(r)));
    tr.appendChild(notesCell(data, r));
    return tr;
  }

  function render(root, data, fromInput) {
    var form = root.querySelector("form");
    var summary = root.querySelector(".vg-calc__summary");
    var body = root.querySelector(".vg-calc__table tbody");
    var possible = root.querySelector(".vg-calc__possible");
    var excluded = root.querySelector(".vg-calc__excluded");
    [body, possible, excluded].forEach(function (n) { n.textContent = ""; });
    var read = readJob(form), table = root.querySelector(".vg-calc__table").closest(".vg-calc__scroll");
    table.hidden = !!read.bad;
    if (read.bad) {
      root.querySelector(".vg-calc__possible-part").hidden = true;
      root.querySelector(".vg-calc__excluded-part").hidden = true;
      summary.textContent = "Check " + read.bad.map(function (n) { return LIMITS[n]; }).join("; ") + ".";
      return;
    }
    var job = read.job;
    if (fromInput) writeUrl(root, form);
    var found = P.plansFor(data, job);
    found.priced.forEach(function (r) { body.appendChild(row(data, r)); });
    found.unpriced.forEach(function (r) { possible.appendChild(row(data, r)); });
    found.excluded.forEach(function (e) {
      var li = el("li");
      li.appendChild(el("a", {href: pageOf(data, e.model)}, e.model.name));
      li.appendChild(document.createTextNode(": " + e.reason));
      excluded.appendChild(li);
    });
    root.querySelector(".vg-calc__possible-part").hidden = !found.unpriced.length;
    root.querySelector(".vg-calc__excluded-part").hidden = !found.excluded.length;
    if (window.vgMarkTables) window.vgMarkTables();  // the table's width changed: update its scroll cue
    var within = found.priced.filter(function (r) { return !r.over; });
    var best = within[0];
    summary.textContent = !found.priced.length ? "No model on this site can make this video at a documented price; " +
        "see the reasons below."
      : !best ? "No plan fits the budget; the cheapest is " + dollars(found.priced[0].total) + " (" +
        found.priced[0].model.name + ")."
      : "Cheapest: " + dollars(best.total) + " with " + best.model.name + ", " + shapeText(best) + best.offer.where +
        ". " + found.priced.length + (found.priced.length === 1 ? " plan" : " plans") +
        (job.budget === undefined ? "" : ", " + within.length + " within budget") + ".";
  }

  var loaded = {};  // data URL → a promise of the widget's data, fetched once per page load

  function dataOf(url) {
    if (!(url in loaded)) {
      loaded[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      });
      loaded[url].catch(function () { delete loaded[url]; });
    }
    return loaded[url];
  }

  function start(root, data, typed) {  // the form holds the link's values and anything typed since
    var form = root.querySelector("form");
    form.addEventListener("input", function () { render(root, data, true); });
    form.addEventListener("change", function () { render(root, data, true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); render(root, data, true); });
    root.querySelector(".vg-calc__results").hidden = false;
    render(root, data, typed);  // typed while loading: the URL follows, as for any input
  }

  function init(root) {
    if (root.dataset.vgReady) return;
    root.dataset.vgReady = "1";
    var form = root.querySelector("form"), ignored = readUrl(form);  // the link's values, before the prices arrive
    var note = root.querySelector(".vg-calc__ignored");
    note.hidden = !ignored.length;
    note.textContent = ignored.length ? "Some values in this link were not understood and were ignored: " +
      ignored.join(", ") + "." : "";
    var typed = false;
    form.addEventListener("input", function () { typed = true; }, {once: true});
    var summary = root.querySelector(".vg-calc__summary");
    summary.textContent = "Loading the prices…";
    root.vgLoaded = dataOf(new URL(root.dataset.vgData, window.location.href).href).then(function (data) {
      if (root.isConnected) start(root, data, typed);
    }, function (error) {
      summary.textContent = "The prices could not be loaded (" + error.message + "). Reload the page to try " +
        "again; the worked examples below price common jobs without it.";
    });
  }

  document$.subscribe(function () {
    document.querySelectorAll("[data-vg-calc]").forEach(init);
  });
})();
