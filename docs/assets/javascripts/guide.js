// "Which model should I use?": one question at a time, answers in the URL (?question=answer…),
// outcomes precomputed by the generator (the same code as `videoguide recommend`).
// Initialised on every page view, including arrivals by Material's instant navigation.
(function () {
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function answersFromUrl(data) {
    var params = new URLSearchParams(window.location.search);
    var path = [];
    var q = data.start;
    while (q && params.has(q)) {
      var question = data.questions[q];
      var chosen = question.answers.filter(function (a) { return a.id === params.get(q); })[0];
      if (!chosen) break;
      path.push([q, chosen]);
      q = chosen.next;
    }
    var used = path.map(function (p) { return p[0]; });
    var ignored = [];
    params.forEach(function (value, key) {
      if (used.indexOf(key) < 0 || params.getAll(key).length > 1) ignored.push(key + "=" + value);
    });
    return {path: path, next: q, ignored: ignored};
  }

  function urlFor(path) {
    var query = path.map(function (p) { return encodeURIComponent(p[0]) + "=" + encodeURIComponent(p[1].id); }).join("&");
    return window.location.pathname + (query ? "?" + query : "");
  }

  function modelBlock(label, m) {
    var box = el("div", {"class": "vg-guide__model"});
    var heading = el("p");
    heading.appendChild(el("strong", {}, label + ": "));
    heading.appendChild(el("a", {href: m.href}, m.name));
    heading.appendChild(document.createTextNode(" (" + m.status + ")"));
    box.appendChild(heading);
    var list = el("ul");
    if (m.pin) list.appendChild(el("li", {}, "Editorial pick: " + m.pin));
    m.reasons.forEach(function (r) {
      var item = el("li", {}, r.text);
      if (r.source) {
        item.appendChild(document.createTextNode(" ("));
        item.appendChild(el("a", {href: r.href}, r.source));
        item.appendChild(document.createTextNode(", " + r.as_of + ")"));
      }
      list.appendChild(item);
    });
    if (list.children.length) box.appendChild(list);
    return box;
  }

  function render(root, data, focus) {
    var state = answersFromUrl(data);
    var progress = root.querySelector(".vg-guide__progress");
    var step = root.querySelector(".vg-guide__step");
    var result = root.querySelector(".vg-guide__result");
    progress.textContent = "";
    step.textContent = "";
    result.textContent = "";
    if (state.ignored.length) {
      progress.appendChild(el("span", {"class": "vg-guide__ignored", role: "note"},
        "Some answers in this link were not understood and were ignored: " + state.ignored.join(", ") + ". "));
    }
    if (state.path.length) {
      progress.appendChild(document.createTextNode("Your answers: "));
      state.path.forEach(function (p, i) {
        var link = el("a", {href: urlFor(state.path.slice(0, i)), "data-vg-step": String(i)},
                      data.questions[p[0]].text + " " + p[1].label);
        progress.appendChild(link);
        if (i < state.path.length - 1) progress.appendChild(document.createTextNode(" → "));
      });
    }
    root.querySelector("[data-vg-back]").disabled = state.path.length === 0;
    if (state.next) {
      var question = data.questions[state.next];
      var heading = el("h2", {tabindex: "-1", id: "vg-guide-question"}, question.text);
      step.appendChild(heading);
      if (question.help) step.appendChild(el("p", {}, question.help));
      var group = el("div", {role: "group", "aria-labelledby": "vg-guide-question", "class": "vg-guide__answers"});
      question.answers.forEach(function (answer) {
        var button = el("button", {type: "button", "class": "md-button", "data-vg-answer": answer.id}, answer.label);
        button.addEventListener("click", function () {
          history.pushState(null, "", urlFor(state.path.concat([[state.next, answer]])));
          render(root, data, true);
        });
        group.appendChild(button);
      });
      step.appendChild(group);
      if (focus) heading.focus();
      return;
    }
    var key = state.path.map(function (p) { return p[0] + "=" + p[1].id; }).join("&");
    var outcome = data.outcomes[key];
    var title = el("h2", {tabindex: "-1", id: "vg-guide-result"}, "Recommendation");
    result.appendChild(title);
    outcome.retired.forEach(function (m) {
      result.appendChild(el("p", {"class": "vg-guide__retired"}, "The best match, " + m.name + ", is no longer available: " + m.status + "."));
    });
    if (outcome.recommended) result.appendChild(modelBlock("Recommended", outcome.recommended));
    if (outcome.runner_up) result.appendChild(modelBlock("Runner-up", outcome.runner_up));
    if (outcome.no_match) result.appendChild(el("p", {"class": "vg-guide__none"}, outcome.no_match));
    if (focus) title.focus();
  }

  function init(root) {
    if (root.dataset.vgBound) return;
    root.dataset.vgBound = "1";
    var data = JSON.parse(root.dataset.vgData);
    root.hidden = false;
    root.querySelector("[data-vg-back]").addEventListener("click", function () {
      var state = answersFromUrl(data);
      history.pushState(null, "", urlFor(state.path.slice(0, -1)));
      render(root, data, true);
    });
    root.querySelector("[data-vg-restart]").addEventListener("click", function () {
      history.pushState(null, "", urlFor([]));
      render(root, data, true);
    });
    root.querySelector(".vg-guide__progress").addEventListener("click", function (event) {
      var link = event.target.closest("[data-vg-step]");
      if (!link) return;
      event.preventDefault();
      event.stopPropagation();
      history.pushState(null, "", link.getAttribute("href"));
      render(root, data, true);
    });
    render(root, data, false);
  }

  window.addEventListener("popstate", function () {
    var root = document.querySelector("[data-vg-guide]");
    if (root && root.dataset.vgBound) {
      render(root, JSON.parse(root.dataset.vgData), false);
    }
  });

  document$.subscribe(function () {
    document.querySelectorAll("[data-vg-guide]").forEach(init);
  });
})();
