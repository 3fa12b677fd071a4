// "Which model should I use?": one question at a time, answers in the URL (?question=answer…).
// The generator ranked the models for every path once (generator/pages/guide.py, the same code
// as `videoguide recommend`) and wrote the outcomes beside this page, those of the paths that share their first
// answers in one file (outcomes/<those answer ids joined by dots>.json, see bundleOf); this file asks the questions,
// fetches the file once the reader is that far, and shows the finished path's outcome. A browser test walks every path against the recommender. Initialised on every page
// view, including arrivals by Material's instant navigation.
(function () {
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function answersFromUrl(data) {
    var params = new URLSearchParams(window.location.search);
    var path = [], q = data.start;
    while (q && params.has(q) && params.getAll(q).length === 1) {  // asked twice: asked again
      var chosen = data.questions[q].answers.filter(function (a) { return a.id === params.get(q); })[0];
      if (!chosen) break;
      path.push([q, chosen]);
      q = chosen.next;
    }
    // Answers to questions further on, kept while the reader changes an earlier one ("change"):
    // they apply again when the path reaches their question. Anything else is ignored, and said so.
    var used = path.map(function (p) { return p[0]; }), ignored = [], later = [], unused = [];
    var ahead = reachable(data, q);
    params.forEach(function (value, key) {
      if (used.indexOf(key) >= 0 && params.getAll(key).length === 1) return;
      var question = Object.prototype.hasOwnProperty.call(data.questions, key) ? data.questions[key] : null;
      var valid = question && key !== q && params.getAll(key).length === 1 &&
        question.answers.some(function (a) { return a.id === value; });
      if (valid && ahead.indexOf(key) >= 0) later.push([key, value]);
      else if (valid && !q) unused.push([key, value]);  // left over from a changed answer: dropped quietly
      else ignored.push([key, value]);
    });
    return {path: path, next: q, later: later, unused: unused.length,
            ignored: ignored.map(function (kv) { return kv[0] + "=" + kv[1]; })};
  }

  function reachable(data, q) {  // question ids that may follow q
    var out = [], todo = q ? [q] : [];
    while (todo.length) {
      data.questions[todo.pop()].answers.forEach(function (a) {
        if (a.next && out.indexOf(a.next) < 0) { out.push(a.next); todo.push(a.next); }
      });
    }
    return out;
  }

  function urlFor(path, later) {
    var pairs = path.map(function (p) { return [p[0], p[1].id]; }).concat(later || []);
    var query = pairs.map(function (kv) { return encodeURIComponent(kv[0]) + "=" + encodeURIComponent(kv[1]); }).join("&");
    return window.location.pathname + (query ? "?" + query : "");
  }

  // The job, continuity and price variant of a list of requirement keys (generator/answers/standing.py job_of).
  function sourceNote(data, s, item) {
    if (!s.source) return;
    item.appendChild(document.createTextNode(" ("));
    item.appendChild(el("a", {href: s.href}, s.source));
    item.appendChild(document.createTextNode(", " + s.as_of));
    if (s.stale) {  // generator/pages/render.py checked_date(): the same badge as on the pages
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", {"class": "vg-stale", title: "Checked more than " + data.staleAfter +
        " days before " + data.today + "; it may have changed"}, "stale"));
    }
    item.appendChild(document.createTextNode(")"));
  }

  function modelBlock(data, label, m) {  // m: generator/pages/guide.py match_data()
    var box = el("div", {"class": "vg-guide__model"});
    var heading = el("p");
    heading.appendChild(el("strong", {}, label + ": "));
    heading.appendChild(el("a", {href: m.href}, m.name));
    heading.appendChild(document.createTextNode(" (" + m.status + ")"));
    box.appendChild(heading);
    box.appendChild(el("p", {"class": "vg-guide__plan"}, m.plan));
    var list = el("ul", {"class": "vg-guide__reasons"});
    if (m.pin) list.appendChild(el("li", {}, "Editorial pick: " + m.pin));
    m.reasons.forEach(function (r) {
      var item = el("li", {}, r.text);
      sourceNote(data, r, item);
      list.appendChild(item);
    });
    if (list.children.length) {
      var why = el("details", {"class": "vg-guide__why"});
      why.appendChild(el("summary", {}, "Why " + m.name + ", with sources"));
      why.appendChild(list);
      box.appendChild(why);
    }
    return box;
  }

  var bundles = {};  // file name → a promise of its outcomes, fetched once per page load

  function bundleOf(data, ids) {  // generator/pages/guide.py bundle_of(), for a finished path
    return ids.slice(0, Math.min(data.bundleAfter, Math.max(1, ids.length - 1))).join(".");
  }

  function fetchBundle(data, name) {
    if (!(name in bundles)) {
      bundles[name] = fetch(data.outcomes + name + ".json").then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      });
      bundles[name].catch(function () { delete bundles[name]; });  // a failed fetch is tried again
    }
    return bundles[name];
  }

  function outcomeOf(data, ids) {
    var key = ids.join(".");
    return fetchBundle(data, bundleOf(data, ids)).then(function (outcomes) {
      if (!Object.prototype.hasOwnProperty.call(outcomes, key)) throw new Error("no outcome for these answers");
      return outcomes[key];
    });
  }

  function prefetch(data, state) {  // a path still open past bundleAfter answers ends in that file
    if (state.path.length < data.bundleAfter) return;
    var ids = state.path.map(function (p) { return p[1].id; });
    fetchBundle(data, ids.slice(0, data.bundleAfter).join(".")).catch(function () {});  // asked again at the end
  }

  function showOutcome(data, result, out) {  // out: generator/pages/guide.py outcome_data()
    result.textContent = "";
    result.appendChild(el("h2", {tabindex: "-1", id: "vg-guide-result"}, "Recommendation"));
    if (out.recommended) result.appendChild(modelBlock(data, "Recommended", out.recommended));
    if (out.runner_up) result.appendChild(modelBlock(data, "Runner-up", out.runner_up));
    out.retired.forEach(function (m) {
      result.appendChild(el("p", {"class": "vg-guide__retired"},
        m.name + " would rank first but is no longer available (" + m.status.charAt(0).toLowerCase() + m.status.slice(1) + ")."));
    });
    if (out.no_match) result.appendChild(el("p", {"class": "vg-guide__none"}, out.no_match));
  }

  function renderResult(root, data, state, result, focus) {
    var ids = state.path.map(function (p) { return p[1].id; });
    var shown = root.vgShown = (root.vgShown || 0) + 1;  // a later render wins over a slow fetch
    result.appendChild(el("p", {"class": "vg-guide__loading"}, "Finding the best model for your answers…"));
    root.vgRendered = outcomeOf(data, ids).then(function (out) {
      if (shown !== root.vgShown) return;
      showOutcome(data, result, out);
      if (focus) result.querySelector("h2").focus();
    }, function (error) {
      if (shown !== root.vgShown) return;
      result.textContent = "";
      var failed = el("p", {"class": "vg-guide__none", role: "alert", tabindex: "-1"}, "The recommendation could not " +
        "be loaded (" + error.message + "). Answer the last question again, or see ");
      failed.appendChild(el("a", {href: "paths/"}, "every path and its outcome"));
      failed.appendChild(document.createTextNode("."));
      result.appendChild(failed);
      if (focus) failed.focus();
    });
  }

  function renderAnswers(data, state, list) {
    state.path.forEach(function (p, i) {
      var item = el("li");
      item.appendChild(el("span", {"class": "vg-guide__asked"}, data.questions[p[0]].text + " "));
      item.appendChild(el("strong", {}, p[1].label));
      item.appendChild(document.createTextNode(" "));
      var after = state.path.slice(i + 1).map(function (q) { return [q[0], q[1].id]; }).concat(state.later);
      item.appendChild(el("a", {href: urlFor(state.path.slice(0, i), after), "data-vg-step": String(i),
                                "aria-label": "Change: " + data.questions[p[0]].text}, "change"));
      list.appendChild(item);
    });
  }

  function renderQuestion(data, state, root, step, progress) {
    var question = data.questions[state.next];
    var number = state.path.length + 1;
    progress.appendChild(document.createTextNode("Question " + number + " of up to " +
      (state.path.length + data.depth[state.next])));
    var heading = el("h2", {tabindex: "-1", id: "vg-guide-question"}, question.text);
    step.appendChild(heading);
    if (question.help) step.appendChild(el("p", {}, question.help));
    var group = el("div", {role: "group", "aria-labelledby": "vg-guide-question", "class": "vg-guide__answers"});
    question.answers.forEach(function (answer) {
      var button = el("button", {type: "button", "class": "md-button", "data-vg-answer": answer.id}, answer.label);
      button.addEventListener("click", function () {
        history.pushState(null, "", urlFor(state.path.concat([[state.next, answer]]), state.later));
        render(root, data, true);
      });
      group.appendChild(button);
    });
    step.appendChild(group);
    return heading;
  }

  function render(root, data, focus) {
    var state = answersFromUrl(data);
    if (state.unused) history.replaceState(history.state, "", urlFor(state.path));
    var progress = root.querySelector(".vg-guide__progress");
    var step = root.querySelector(".vg-guide__step");
    var result = root.querySelector(".vg-guide__result");
    var list = root.querySelector(".vg-guide__answers-so-far");
    [progress, step, result, list].forEach(function (n) { n.textContent = ""; });
    if (state.ignored.length) {
      progress.appendChild(el("span", {"class": "vg-guide__ignored", role: "note"},
        "Some answers in this link were not understood or do not apply to this path, and were ignored: " +
        state.ignored.join(", ") + ". "));
    }
    renderAnswers(data, state, list);
    list.hidden = !state.path.length;
    var back = root.querySelector("[data-vg-back]");
    back.disabled = state.path.length === 0;
    back.setAttribute("aria-disabled", String(back.disabled));
    if (state.next) {
      root.vgShown = (root.vgShown || 0) + 1;
      root.vgRendered = Promise.resolve();
      var target = renderQuestion(data, state, root, step, progress);
      if (focus) target.focus();
      prefetch(data, state);
    } else {
      renderResult(root, data, state, result, focus);
    }
  }

  function init(root) {
    if (root.dataset.vgBound) return;
    root.dataset.vgBound = "1";
    var data = JSON.parse(root.querySelector("template.vg-data").content.textContent);
    root.vgData = data;
    root.hidden = false;
    root.querySelector("[data-vg-back]").addEventListener("click", function () {
      var state = answersFromUrl(data);
      history.pushState(null, "", urlFor(state.path.slice(0, -1), state.later));
      render(root, data, true);
    });
    root.querySelector("[data-vg-restart]").addEventListener("click", function () {
      history.pushState(null, "", urlFor([]));
      render(root, data, true);
    });
    root.querySelector(".vg-guide__answers-so-far").addEventListener("click", function (event) {
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
    if (root && root.dataset.vgBound) render(root, root.vgData, false);
  });

  document$.subscribe(function () {
    document.querySelectorAll("[data-vg-guide]").forEach(init);
  });
})();
