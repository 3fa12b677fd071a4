// Cost calculator: inputs in the URL (?seconds=8&clips=1&takes=1&resolution=&aspect=&audio=),
// figures looked up in data the generator computed with the same code as `videoguide cost`.
// Only the multiplication by clips × takes happens here, in exact integer pico-dollars.
(function () {
  var FIELDS = ["seconds", "clips", "takes", "resolution", "aspect", "audio"];
  var DEFAULTS = {seconds: "8", clips: "1", takes: "1", resolution: "", aspect: "", audio: ""};

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // USD from pico-dollars (BigInt), rounded half up to the cent: "$1,234.50".
  function dollars(pico) {
    var centsTotal = (pico + 5000000000n) / 10000000000n;
    var whole = (centsTotal / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    var rest = (centsTotal % 100n).toString().padStart(2, "0");
    return "$" + whole + "." + rest;
  }

  function wholeNumber(value, min, max) {
    if (!/^\d+$/.test(value)) return null;
    var n = parseInt(value, 10);
    return n >= min && n <= max ? n : null;
  }

  function readUrl(form, data) {
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var value = params.has(name) ? params.get(name) : DEFAULTS[name];
      var input = form.elements[name];
      var allowed = input.tagName !== "SELECT" ||
        Array.prototype.some.call(input.options, function (o) { return o.value === value; });
      input.value = allowed ? value : DEFAULTS[name];
    });
  }

  function writeUrl(form) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) { params.set(name, form.elements[name].value); });
    history.replaceState(history.state, "", window.location.pathname + "?" + params.toString());
  }

  function fill(select, values) {
    values.forEach(function (v) { select.appendChild(el("option", {value: v}, v)); });
  }

  function gridRow(data, seconds, form) {
    var res = ["", ].concat(data.resolutions).indexOf(form.elements.resolution.value);
    var asp = [""].concat(data.aspects).indexOf(form.elements.aspect.value);
    var aud = ["", "yes", "no"].indexOf(form.elements.audio.value);
    var s = Math.min(seconds, data.longest + 1) - 1;
    var index = ((s * (data.resolutions.length + 1) + res) * (data.aspects.length + 1) + asp) * 3 + aud;
    return data.grid[index];
  }

  function render(root, data, fromInput) {
    var form = root.querySelector("form");
    var summary = root.querySelector(".vg-calc__summary");
    var body = root.querySelector("tbody");
    var excluded = root.querySelector(".vg-calc__excluded");
    var seconds = wholeNumber(form.elements.seconds.value, 1, 600);
    var clips = wholeNumber(form.elements.clips.value, 1, 100000);
    var takes = wholeNumber(form.elements.takes.value, 1, 1000);
    body.textContent = "";
    excluded.textContent = "";
    if (seconds === null || clips === null || takes === null) {
      summary.textContent = "Enter whole numbers: seconds 1–600, clips 1–100000, takes 1–1000.";
      return;
    }
    if (fromInput) writeUrl(form);
    var generations = BigInt(clips) * BigInt(takes);
    var rows = [];
    gridRow(data, seconds, form).forEach(function (outcomeIndex, m) {
      var outcome = data.outcomes[outcomeIndex];
      if (outcome.reason) {
        var li = el("li");
        li.appendChild(el("a", {href: data.models[m].href}, data.models[m].name));
        li.appendChild(document.createTextNode(": " + outcome.reason));
        excluded.appendChild(li);
        return;
      }
      outcome.quotes.forEach(function (q) {
        rows.push({model: data.models[m], offer: data.offers[q[0]], billed: q[1], pico: BigInt(q[2]),
                   caveats: q[3].map(function (c) { return data.caveats[c]; })});
      });
    });
    rows.sort(function (a, b) {
      if (a.pico !== b.pico) return a.pico < b.pico ? -1 : 1;
      if (a.caveats.length !== b.caveats.length) return a.caveats.length - b.caveats.length;
      var ka = a.model.name + "\u0000" + a.offer.platform, kb = b.model.name + "\u0000" + b.offer.platform;
      return ka < kb ? -1 : ka > kb ? 1 : 0;  // code-point order, as Python sorts
    });
    rows.forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("td", {"class": "vg-calc__total"}, dollars(r.pico * generations)));
      var model = el("td");
      model.appendChild(el("a", {href: r.model.href}, r.model.name));
      tr.appendChild(model);
      tr.appendChild(el("td", {}, r.offer.what + ": " + r.offer.rate + " per second × " + r.billed + " s"));
      tr.appendChild(el("td", {}, dollars(r.pico)));
      var notes = el("td");
      var src = el("a", {href: r.offer.href}, r.offer.source);
      notes.appendChild(src);
      notes.appendChild(document.createTextNode(", checked " + r.offer.as_of));
      if (r.offer.stale) {
        notes.appendChild(document.createTextNode(" "));
        notes.appendChild(el("span", {"class": "vg-stale", title: "Checked more than " + data.staleAfter +
          " days before " + data.today + "; it may have changed"}, "stale"));
      }
      if (r.caveats.length) {
        var text = r.caveats.join("; ");
        notes.appendChild(document.createTextNode(". " + text.charAt(0).toUpperCase() + text.slice(1) + "."));
      }
      tr.appendChild(notes);
      body.appendChild(tr);
    });
    summary.textContent = rows.length
      ? rows.length + (rows.length === 1 ? " option for " : " options for ") + clips + " × " + seconds + "-second clip(s), " + takes +
        " take(s) each. Cheapest: " + dollars(rows[0].pico * generations) + " (" + rows[0].model.name + ", " +
        rows[0].offer.platform + ")."
      : "No model on this site can make this clip in one generation; see the reasons below.";
  }

  function init(root) {
    if (root.dataset.vgReady) return;
    root.dataset.vgReady = "1";
    var data = JSON.parse(root.getAttribute("data-vg-data"));
    var form = root.querySelector("form");
    fill(form.elements.resolution, data.resolutions);
    fill(form.elements.aspect, data.aspects);
    readUrl(form, data);
    form.addEventListener("input", function () { render(root, data, true); });
    form.addEventListener("change", function () { render(root, data, true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); render(root, data, true); });
    root.hidden = false;
    render(root, data, false);
  }

  document$.subscribe(function () {
    document.querySelectorAll("[data-vg-calc]").forEach(init);
  });
})();
