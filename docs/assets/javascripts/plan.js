// The planner of generator/answers/plans.py, repeated for the browser: the calculator reads the
// data generator/pages/calculator.py computed (why each model fails each choice; the offers that
// can make the shots at which lengths) and does here only the choice of those an input uses,
// cover() (the fewest shots), the extension arithmetic, the cheapest plan per platform and the
// sums, in exact integer pico-dollars. Browser tests compare every figure with the Python planner.
window.vgPlan = (function () {
  var PICO_PER_CENT = 10000000000n;

  // USD from pico-dollars (BigInt), rounded half up to the cent: "$1,234.50".
  function dollars(pico) {
    var centsTotal = (pico + PICO_PER_CENT / 2n) / PICO_PER_CENT;
    var whole = (centsTotal / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return "$" + whole + "." + (centsTotal % 100n).toString().padStart(2, "0");
  }

  function byText(a, b) { return a < b ? -1 : a > b ? 1 : 0; }  // code-point order, as Python sorts

  // The fewest generations of `lengths` covering `seconds`, fewest seconds billed, longest first
  // (generator/answers/plans.py cover()).
  function cover(lengths, seconds) {
    var longest = Math.max.apply(null, lengths);
    var count = Math.floor((seconds + longest - 1) / longest);
    var even = Math.floor(seconds / count), extra = seconds % count;
    if (lengths.length === longest - lengths[0] + 1 && even >= lengths[0]) {  // every second: even shots
      var split = [];
      for (var e = 0; e < count; e++) split.push(e < extra ? even + 1 : even);
      return split;
    }
    var slack = count * longest - seconds;
    var cuts = [];
    lengths.forEach(function (x) {
      var cut = longest - x;
      if (cut > 0 && cut <= slack && cuts.indexOf(cut) < 0) cuts.push(cut);
    });
    cuts.sort(function (a, b) { return b - a; });
    function better(a, b) {
      if (a.length !== b.length) return a.length < b.length;
      for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
      return false;
    }
    var best = [[]];
    for (var total = 1; total <= slack; total++) {
      best[total] = null;
      cuts.forEach(function (cut) {
        if (cut > total || best[total - cut] === null) return;
        var candidate = best[total - cut].concat([cut]).sort(function (a, b) { return b - a; });
        if (best[total] === null || better(candidate, best[total])) best[total] = candidate;
      });
    }
    var reach = 0;
    for (var t = 0; t <= slack; t++) if (best[t] !== null && best[t].length <= count) reach = t;
    var shortened = best[reach].slice().sort(function (a, b) { return a - b; });
    var shots = [];
    for (var k = 0; k < count - shortened.length; k++) shots.push(longest);
    return shots.concat(shortened.map(function (c) { return longest - c; }));
  }

  function lessTuple(a, b) {  // Python's tuple order, for tuples of numbers
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return false;
  }

  function sum(values) { return values.reduce(function (a, b) { return a + b; }, 0); }

  // Pico-dollars for one generation billed `seconds` (OfferRecord.cost): a per-clip price
  // buys whole clips of its length, any other price is per second.
  function cost(offer, seconds) {
    if (offer.clip) return BigInt(offer.clipPico) * BigInt(Math.ceil(seconds / offer.clip));
    return BigInt(offer.pico) * BigInt(seconds);
  }

  function extensionPlan(data, model, option, seconds) {
    var rule = model.extension, lengths = option[1];
    if (option[3] === null || rule === null || seconds <= lengths[lengths.length - 1]) return null;
    var best = null;
    lengths.forEach(function (base) {
      if (rule.base && rule.base.indexOf(base) < 0) return;
      var calls = Math.floor((seconds - base + rule.step - 1) / rule.step);
      var added = rule.upTo ? seconds - base : calls * rule.step;
      if ((rule.maxSteps !== null && calls > rule.maxSteps) || (rule.maxTotal !== null && base + added > rule.maxTotal)) return;
      if (rule.minStep !== null && added - rule.step * (calls - 1) < rule.minStep) return;  // the final call adds too little
      var shape = [base + added, calls, -base, added];
      if (best === null || lessTuple(shape, best)) best = shape;
    });
    if (best === null) return null;
    var calls = best[1], base = -best[2], added = best[3], steps = [];
    for (var i = 0; i < calls - 1; i++) steps.push(rule.step);
    steps.push(added - rule.step * (calls - 1));
    var offer = data.offers[option[0]], extra = option[3] >= 0 ? data.offers[option[3]] : null;
    return {kind: "extension", offer: offer, extra: extra, shots: [base], steps: steps, billed: best[0],
            perTake: extra ? cost(offer, base) + cost(extra, added) : null,
            caveats: option[2].concat([rule.caveat])};
  }

  function shotPlan(data, model, option, seconds) {
    var shots = cover(option[1], seconds), billed = sum(shots), offer = data.offers[option[0]];
    return {kind: shots.length === 1 ? "single" : "shots", offer: offer, extra: null, shots: shots, steps: [],
            billed: billed, perTake: shots.reduce(function (t, x) { return t + cost(offer, x); }, 0n),
            caveats: shots.length === 1 ? option[2] : option[2].concat([model.shots])};
  }

  function rankCost(p) { return p.perTake !== null ? p.perTake : cost(p.offer, p.shots[0]); }

  function lessRank(a, b) {  // generator/answers/plans.py _rank()
    if ((a.perTake === null) !== (b.perTake === null)) return a.perTake !== null;
    if (rankCost(a) !== rankCost(b)) return rankCost(a) < rankCost(b);
    var ga = a.shots.length + a.steps.length, gb = b.shots.length + b.steps.length;
    if (ga !== gb) return ga < gb;
    if (a.caveats.length !== b.caveats.length) return a.caveats.length < b.caveats.length;
    return a.offer.tier < b.offer.tier;
  }

  // The reason the model fails the first of data.checks (generator/answers/jobs.py CHECKS) not
  // in `skip`, or null.
  function checkReason(data, model, job, skip) {
    var c = data.choices;
    for (var i = 0; i < data.checks.length; i++) {
      var name = data.checks[i], got = model.checks[name], field = data.checkChoices[name];
      if (skip && skip.indexOf(name) >= 0) continue;
      var reason = Array.isArray(got) ? got[c[field].indexOf(job[field])] : got;
      if (reason !== null) return data.reasons[reason];
    }
    return null;
  }

  // The options a job from `input` uses (generator/answers/jobs.py offer_options()): from text, the
  // text-to-video prices; from a first frame, the image-to-video ones, then the text-to-video ones
  // with a caveat; from reference images, the text-to-video ones with a caveat.
  function shotOptions(data, outcome, input) {
    if (input === "text") return outcome.text;
    var caveat = data.asText[input];
    var asText = outcome.text.map(function (o) { return [o[0], o[1], o[2].concat([caveat]), o[3]]; });
    return input === "image_first_frame" ? outcome.images.concat(asText) : asText;
  }

  // {reason} or {priced, unpriced}: generator/answers/plans.py model_plans().
  function modelPlans(data, model, job) {
    var c = data.choices, failed = checkReason(data, model, job);
    if (failed !== null) return {reason: failed};
    var at = c.resolution.indexOf(job.resolution) * c.sound.length + c.sound.indexOf(job.sound);
    var options = shotOptions(data, data.outcomes[model.outcomes[at]], job.input);
    if (!options.length) return {reason: data.reasons[data.noPrice[at]]};
    var shots = {}, extended = {}, order = [], extOrder = [];
    options.forEach(function (option) {
      var platform = data.offers[option[0]].platform;
      var plan = shotPlan(data, model, option, job.seconds);
      if (!(platform in shots)) order.push(platform);
      if (!(platform in shots) || lessRank(plan, shots[platform])) shots[platform] = plan;
      var ext = extensionPlan(data, model, option, job.seconds);
      if (ext === null) return;
      if (!(platform in extended)) extOrder.push(platform);
      if (!(platform in extended) || lessRank(ext, extended[platform])) extended[platform] = ext;
    });
    var priced = order.map(function (p) { return shots[p]; });
    var unpriced = [];
    extOrder.forEach(function (p) { (extended[p].perTake === null ? unpriced : priced).push(extended[p]); });
    return {priced: priced, unpriced: unpriced};
  }

  function parts(values) {  // generator/pages/costs.py _parts()
    if (values.every(function (v) { return v === values[0]; })) return "× " + values[0] + " s";
    var groups = [];
    values.forEach(function (v) {
      if (groups.length && groups[groups.length - 1][0] === v) groups[groups.length - 1][1] += 1;
      else groups.push([v, 1]);
    });
    return "(" + groups.map(function (g) { return g[1] > 1 ? g[1] + " × " + g[0] + " s" : g[0] + " s"; })
      .join(" + ") + ")";
  }

  function article(n) { return /^8/.test(String(n)) || n === 11 || n === 18 ? "an" : "a"; }

  function shapeText(plan) {  // generator/pages/costs.py shape_text()
    if (plan.kind === "single") return "one " + plan.shots[0] + " s generation";
    if (plan.kind === "shots") return plan.shots.length + " shots " + parts(plan.shots);
    var n = plan.steps.length;
    return article(plan.shots[0]) + " " + plan.shots[0] + " s clip + " + n + " extension" + (n === 1 ? "" : "s") +
      " " + parts(plan.steps);
  }

  // generator/answers/plans.py within(): the total rounded to the cent, half up, within the budget.
  function within(total, budget) {
    if (budget === undefined) return true;
    if (total === null) return false;
    return (total + PICO_PER_CENT / 2n) / PICO_PER_CENT * PICO_PER_CENT <= budget;
  }

  function billedText(offer, seconds) {  // generator/pages/costs.py billed_text()
    if (!offer.clip) return seconds + " s × " + offer.rate;
    var clips = Math.ceil(seconds / offer.clip);
    return clips + (clips === 1 ? " clip × " : " clips × ") + offer.rate;
  }

  function sumText(plan) {  // generator/pages/costs.py sum_text()
    if (plan.kind !== "extension") return billedText(plan.offer, plan.billed) + " = " + dollars(plan.perTake) + " per take";
    var added = sum(plan.steps);
    if (plan.extra === null) return billedText(plan.offer, plan.shots[0]) + " + " + added +
      " s of extension, whose price is not documented";
    return billedText(plan.offer, plan.shots[0]) + " + " + billedText(plan.extra, added) + " = " +
      dollars(plan.perTake) + " per take";
  }

  function plansFor(data, job) {
    var priced = [], unpriced = [], excluded = [];
    var takes = BigInt(job.takes) * BigInt(job.videos);
    data.models.forEach(function (model) {
      var got = modelPlans(data, model, job);
      if (got.reason) { excluded.push({model: model, reason: got.reason}); return; }
      got.priced.forEach(function (p) {
        p.model = model; p.total = p.perTake * takes;
        p.over = !within(p.total, job.budget);
        priced.push(p);
      });
      got.unpriced.forEach(function (p) { p.model = model; p.total = null; unpriced.push(p); });
    });
    priced.sort(function (a, b) {
      if (a.total !== b.total) return a.total < b.total ? -1 : 1;
      if (a.caveats.length !== b.caveats.length) return a.caveats.length - b.caveats.length;
      if (a.offer.stale !== b.offer.stale) return a.offer.stale ? 1 : -1;  // a fresh price first
      return byText(a.model.name, b.model.name) || byText(a.offer.platform, b.offer.platform) || byText(a.kind, b.kind);
    });
    unpriced.sort(function (a, b) {
      return a.billed - b.billed || byText(a.model.name, b.model.name) || byText(a.offer.platform, b.offer.platform);
    });
    return {priced: priced, unpriced: unpriced, excluded: excluded};
  }

  return {dollars: dollars, cover: cover, within: within, checkReason: checkReason, modelPlans: modelPlans, plansFor: plansFor, shapeText: shapeText,
          sumText: sumText};
})();
