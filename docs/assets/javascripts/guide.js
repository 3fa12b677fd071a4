// "Which model should I use?": one question at a time, answers in the URL (?question=answer…).
// The generator computed each model's standing on every requirement and criterion once
// (generator/pages/guide.py) and the planner's data (plan.js); this file combines them for the
// answers given exactly as `videoguide recommend` does (generator/answers/recommend.py), and a
// browser test walks every path against it. Initialised on every page view, including arrivals
// by Material's instant navigation.
(function () {
  var P = window.vgPlan;
  var PICO = 1000000000000n;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function byText(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  function picoOf(decimal) {  // "10" or "2.5" (a budget from the data) → pico-dollars
    var parts = decimal.split(".");
    return BigInt(parts[0]) * PICO + BigInt(((parts[1] || "") + "000000000000").slice(0, 12));
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
      var question = data.questions[key];
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
  function jobOf(data, keys) {
    var job = {seconds: 8, aspect: "", resolution: "", sound: "", input: "text", videos: 1, takes: 1, budget: undefined};
    var continuous = false, audio = false, height = null;
    keys.forEach(function (key) {
      var r = data.requirements[key];
      Object.keys(r.job).forEach(function (field) {
        if (field === "continuous") continuous = true;
        else if (field === "budget") job.budget = picoOf(r.job.budget);
        else job[field] = r.job[field];
      });
      if (r.audio) audio = true;
      if (r.height) height = r.height;
    });
    return {job: job, continuous: continuous, variant: (audio ? "1" : "0") + "|" + (height || "")};
  }

  function planKey(model) {  // generator/answers/standing.py plan_key()
    function rank(p) { return p.offer.platform in model.platforms ? model.platforms[p.offer.platform][0] : 1; }
    return function (a, b) {
      if (a.total !== b.total) return a.total < b.total ? -1 : 1;
      return a.caveats.length - b.caveats.length || rank(a) - rank(b) || byText(a.offer.platform, b.offer.platform) ||
        byText(a.kind, b.kind);
    };
  }

  // The model's plan for the job, or null (generator/answers/standing.py plan_for()).
  function planFor(data, index, wanted) {
    var got = P.modelPlans(data.planner, data.planner.models[index], wanted.job);
    if (got.reason) return null;
    var budget = wanted.job.budget;
    var within = got.priced.filter(function (p) {
      p.total = p.perTake;
      return !(wanted.continuous && p.kind === "shots") && P.within(p.total, budget);
    }).sort(planKey(data.models[index]));
    if (within.length) return within[0];
    if (wanted.continuous && budget === undefined && got.unpriced.length) {
      return got.unpriced.slice().sort(function (a, b) {
        return a.billed - b.billed || byText(a.offer.platform, b.offer.platform);
      })[0];
    }
    return null;
  }

  function round9(x) { return Number(x.toFixed(9)); }

  // Every model for these requirement keys, preferences and pins, ranked (recommend.py _matches()).
  function matches(data, keys, prefs, pins) {
    var wanted = jobOf(data, keys);
    var out = data.models.map(function (m, index) {
      var checks = keys.filter(function (k) { return k in m.checks; }).map(function (k) { return m.checks[k]; });
      var score = 0.0, reasons = checks.map(function (c) { return {text: c[1], source: c[2]}; });
      prefs.forEach(function (pw) {
        var byVariant = m.criteria[pw[0]];
        var entry = byVariant && (wanted.variant in byVariant ? byVariant[wanted.variant] : byVariant[""]);
        if (!entry) {
          reasons.push({text: data.criteria[pw[0]] + " (weight " + pw[1] + "): not documented", source: null});
          return;
        }
        score += pw[1] * (1.0 - entry[0]);
        reasons.push({text: data.criteria[pw[0]] + " (weight " + pw[1] + "): " + entry[1], source: entry[2]});
      });
      var plan = planFor(data, index, wanted);
      var planner = data.planner.models[index];
      var priceReason = planner.checks.price[data.planner.choices.input.indexOf(wanted.job.input)];
      // standing.py qualifies_unplanned(): no budget, and no price documented, or no longer
      // available but passing every other check.
      var unplannedOk = wanted.job.budget === undefined && (m.available ? priceReason !== null
        : P.checkReason(data.planner, planner, wanted.job, ["price"]) === null);
      var pin = pins.filter(function (p) { return p[0] === index; })[0];
      return {model: m, index: index, score: score, reasons: reasons, plan: plan, pin: pin || null,
              pinOrder: pin ? pins.indexOf(pin) : pins.length, priceReason: priceReason,
              meets: checks.every(function (c) { return c[0]; }) && (plan !== null || unplannedOk)};
    });
    function cost(m) { return m.plan && m.plan.perTake !== null ? m.plan.total : null; }
    out.sort(function (a, b) {  // recommend.py _matches(): pins, score, not deprecated, cheaper plan, name
      var ca = cost(a), cb = cost(b);
      return a.pinOrder - b.pinOrder || round9(b.score) - round9(a.score) ||
        (a.model.deprecated ? 1 : 0) - (b.model.deprecated ? 1 : 0) ||
        (ca === cb ? 0 : ca === null ? 1 : cb === null ? -1 : ca < cb ? -1 : 1) || byText(a.model.name, b.model.name);
    });
    return out;
  }

  function recommend(data, path) {
    var keys = [], prefs = [], pins = [];
    path.forEach(function (p) {
      var answer = p[1];
      keys = keys.concat(answer.require);
      answer.prefer.forEach(function (cw) {
        var held = prefs.filter(function (x) { return x[0] === cw[0]; })[0];
        if (held) held[1] += cw[1]; else prefs.push([cw[0], cw[1]]);
      });
      if (answer.pin && !pins.some(function (x) { return x[0] === answer.pin[0]; })) pins.push(answer.pin);
    });
    var all = matches(data, keys, prefs, pins);
    var meeting = all.filter(function (m) { return m.meets; });
    var ranked = meeting.filter(function (m) { return m.model.available; });
    var cut = ranked.length ? meeting.indexOf(ranked[0]) : meeting.length;
    var result = {ranked: ranked,
                  retired: meeting.slice(0, cut).filter(function (m) { return !m.model.available; }).slice(0, 1),
                  relax: null};
    if (!ranked.length) {
      keys.forEach(function (key, i) {
        if (data.requirements[key].kind === "finished_seconds") return;  // the video's length is the job itself
        var rest = keys.slice(0, i).concat(keys.slice(i + 1));
        var found = matches(data, rest, prefs, pins).filter(function (m) { return m.meets && m.model.available; });
        if (found.length && (!result.relax || found.length > result.relax.gained)) {
          result.relax = {key: key, gained: found.length, best: found[0]};
        }
      });
    }
    return result;
  }

  function planLine(m) {  // generator/pages/recommendation.py plan_line()
    var p = m.plan;
    if (!p) return "Price not documented" + (m.priceReason ? ": " + m.priceReason : "");
    var cost = p.perTake === null ? "Price not documented" : P.dollars(p.total);
    return cost + ": " + P.shapeText(p) + p.offer.where + " (" + P.sumText(p) + ")";
  }

  function sourceNote(data, index, item) {
    if (index === null) return;
    var s = data.sources[index];
    item.appendChild(document.createTextNode(" ("));
    item.appendChild(el("a", {href: s.href}, s.source));
    item.appendChild(document.createTextNode(", " + s.as_of));
    if (s.stale) {  // generator/pages/render.py checked_date(): the same badge as on the pages
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", {"class": "vg-stale", title: "Checked more than " + data.planner.staleAfter +
        " days before " + data.planner.today + "; it may have changed"}, "stale"));
    }
    item.appendChild(document.createTextNode(")"));
  }

  function modelBlock(data, label, m) {
    var box = el("div", {"class": "vg-guide__model"});
    var heading = el("p");
    heading.appendChild(el("strong", {}, label + ": "));
    heading.appendChild(el("a", {href: m.model.href}, m.model.name));
    var status = !m.model.available ? m.model.retiredStatus
      : m.plan && m.plan.offer.platform in m.model.platforms
        ? m.model.platforms[m.plan.offer.platform][1] + " on " + m.plan.offer.platform : m.model.status;
    heading.appendChild(document.createTextNode(" (" + status + ")"));
    box.appendChild(heading);
    box.appendChild(el("p", {"class": "vg-guide__plan"}, planLine(m)));
    var list = el("ul", {"class": "vg-guide__reasons"});
    if (m.pin) list.appendChild(el("li", {}, "Editorial pick: " + m.pin[1]));
    m.reasons.forEach(function (r) {
      var item = el("li", {}, r.text);
      sourceNote(data, r.source, item);
      list.appendChild(item);
    });
    if (list.children.length) {
      var why = el("details", {"class": "vg-guide__why"});
      why.appendChild(el("summary", {}, "Why " + m.model.name + ", with sources"));
      why.appendChild(list);
      box.appendChild(why);
    }
    return box;
  }

  function renderResult(data, state, result) {
    var out = recommend(data, state.path);
    result.appendChild(el("h2", {tabindex: "-1", id: "vg-guide-result"}, "Recommendation"));
    if (out.ranked[0]) result.appendChild(modelBlock(data, "Recommended", out.ranked[0]));
    if (out.ranked[1]) result.appendChild(modelBlock(data, "Runner-up", out.ranked[1]));
    out.retired.forEach(function (m) {
      result.appendChild(el("p", {"class": "vg-guide__retired"},
        m.model.name + " would rank first but is no longer available (" + m.model.retiredStatus.charAt(0).toLowerCase() + m.model.retiredStatus.slice(1) + ")."));
    });
    if (!out.ranked.length) {
      var text = "No available model meets every requirement.";
      if (out.relax) {
        text += " Without “" + data.requirements[out.relax.key].words + "”: " + out.relax.best.model.name + " (" +
          planLine(out.relax.best) + ").";
      }
      result.appendChild(el("p", {"class": "vg-guide__none"}, text));
    }
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
    var target;
    if (state.next) {
      target = renderQuestion(data, state, root, step, progress);
    } else {
      renderResult(data, state, result);
      target = result.querySelector("h2");
    }
    if (focus && target) target.focus();
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
