/* ModelSuite Registry catalog page. Plain JavaScript, no dependencies, no network.
 *
 * Safety rule: every string from the registry is inserted with textContent or as an attribute
 * value (never innerHTML), and links are made only from https:// URLs.
 *
 * Money is exact: prices are decimal strings, costs are computed on BigInt mantissas so they match
 * Python's Decimal (modelsuite.cost.estimate_cost) to the last digit.
 */
(function () {
  "use strict";

  var PAGE = 200;
  var CAPS = [["V", "vision"], ["T", "tools"], ["J", "JSON mode"], ["S", "structured output"],
              ["K", "thinking"], ["C", "prompt caching"]];
  var STATUS = {C: "current", L: "legacy", D: "deprecated"};
  var QUALITIES = ["verified", "partial", "estimated", "unknown"];
  var PRICE_LABELS = {input: "input", output: "output", cached: "cached input", cache_write: "cache write",
                      batch_input: "batch input", batch_output: "batch output"};
  var PRICE_KEYS = ["input", "output", "cached", "cache_write", "batch_input", "batch_output"];

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (Object.prototype.hasOwnProperty.call(attrs, k) && attrs[k] != null) e.setAttribute(k, String(attrs[k]));
      }
    }
    if (text != null) e.textContent = String(text);
    return e;
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https:\/\/[^\s"'<>]+$/.test(url) ? url : null;
  }

  /* ---------------------------------------------------------------- exact decimals
   * A decimal is {m: BigInt, s: Number}: the value m / 10^s. */
  var DEC_RE = /^(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

  function parseDec(text) {
    var r = DEC_RE.exec(String(text));
    if (!r) return null;
    var frac = r[2] || "";
    var m = BigInt(r[1] + frac);
    var s = frac.length - (r[3] ? parseInt(r[3], 10) : 0);
    if (s < 0) { m = m * (10n ** BigInt(-s)); s = 0; }
    return {m: m, s: s};
  }

  function decAdd(a, b) {
    if (a.s === b.s) return {m: a.m + b.m, s: a.s};
    if (a.s < b.s) return {m: a.m * (10n ** BigInt(b.s - a.s)) + b.m, s: b.s};
    return decAdd(b, a);
  }

  /* The cost of `tokens` tokens at `rate` dollars per 1M tokens: tokens * rate / 10^6, exactly. */
  function perMillion(rate, tokens) { return {m: rate.m * tokens, s: rate.s + 6}; }

  /* Plain decimal text without trailing zeros, like format(Decimal.normalize(), "f") in Python. */
  function decStr(a) {
    var m = a.m, s = a.s;
    while (s > 0 && m % 10n === 0n) { m = m / 10n; s -= 1; }
    var neg = m < 0n;
    var digits = (neg ? -m : m).toString();
    if (s > 0) {
      digits = digits.padStart(s + 1, "0");
      digits = digits.slice(0, digits.length - s) + "." + digits.slice(digits.length - s);
    }
    return (neg ? "-" : "") + digits;
  }

  function money(text) {
    if (text == null) return "unknown";
    var d = parseDec(text);
    return d ? "$" + decStr(d) : "unknown";
  }

  function fmtInt(n) {
    if (n == null) return "unknown";
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function fmtTokens(n) {
    if (n >= 1e6) return (n / 1e6).toFixed(n % 1e6 === 0 ? 0 : 1).replace(/\.0$/, "") + "M";
    if (n >= 1e3) return Math.round(n / 1e3) + "K";
    return String(n);
  }

  /* ---------------------------------------------------------------- data */
  var DATA = window.MODELSUITE_DATA;
  if (!DATA || !Array.isArray(DATA.rows) || !Array.isArray(DATA.fields)) {
    document.body.insertBefore(el("p", {"class": "error"}, "The registry data (data.js) did not load."),
                               document.body.firstChild);
    return;
  }
  var SOURCES = DATA.sources || {};

  var models = DATA.rows.map(function (row, i) {
    var m = {i: i};
    for (var f = 0; f < DATA.fields.length; f++) m[DATA.fields[f]] = row[f];
    m.tiers = (m.tiers || []).map(function (t) {
      return {above: t[0], input: t[1], output: t[2], cached: t[3]};
    }).sort(function (a, b) { return a.above - b.above; });
    m.num = {};
    for (var k = 0; k < PRICE_KEYS.length; k++) {
      var p = m[PRICE_KEYS[k]];
      m.num[PRICE_KEYS[k]] = p == null ? null : Number(p);
    }
    m.caps = m.caps || "";
    m.search = [m.id, m.name, m.alias, m.base_model, m.provider, m.hf_id].join("\n").toLowerCase();
    return m;
  });
  var byId = new Map();
  models.forEach(function (m) { byId.set(m.id, m); });
  var OFFER_GROUPS = Array.isArray(DATA.offer_groups) ? DATA.offer_groups : [];

  function describeSource(source) {
    return String(source || "").split("+").map(function (id) {
      var s = SOURCES[id];
      return s && s[0] ? id + " (" + s[0] + ")" : id;
    }).join(" + ");
  }

  function provenance(m) {
    var lines = ["source: " + describeSource(m.source), "quality: " + m.quality, "updated: " + m.updated];
    if (m.source_url) lines.push(m.source_url);
    return lines.join("\n");
  }

  function priceTitle(m, key) {
    var lines = [PRICE_LABELS[key] + " per 1M tokens: " + money(m[key])];
    if (key === "input" || key === "output" || key === "cached") {
      m.tiers.forEach(function (t) {
        lines.push("prompts above " + fmtInt(t.above) + " tokens: " + money(t[key]));
      });
    }
    return lines.join("\n") + "\n" + provenance(m);
  }

  /* ---------------------------------------------------------------- cost (matches estimate_cost)
   * The rules of modelsuite.cost.cost_breakdown:
   * - tokens: {input, cached, write, output} as BigInt; input counts uncached input only;
   * - the prompt is input + cached + write; the highest tier whose above_tokens it exceeds prices
   *   every token of the request; a tier at or above the context window (an opt-in extended window)
   *   applies only with longContext; with longContext, a prompt beyond the window that no such tier
   *   prices has an unknown cost;
   * - batch uses the batch input/output prices; there is no batch cached/cache-write price, nor a
   *   batch price for a long-context tier; a tier has no cache-write price;
   * - a price needed by a nonzero token count that is unknown makes the cost unknown (never $0). */
  function pickTier(m, prompt, longContext) {
    var tier = null;
    for (var k = 0; k < m.tiers.length; k++) {
      var t = m.tiers[k];
      var extended = m.context != null && t.above >= m.context;
      if (prompt > BigInt(t.above) && (longContext || !extended)) tier = t;
    }
    return tier;
  }

  function estimateCost(m, tokens, batch, longContext) {
    var prompt = tokens.input + tokens.cached + tokens.write;
    var tier = pickTier(m, prompt, longContext);
    var above = tier ? " (prompt above " + fmtInt(tier.above) + ")" : "";
    var extended = tier != null && m.context != null && tier.above >= m.context;
    if (longContext && m.context != null && prompt > BigInt(m.context) && !extended) {
      // one request beyond the context window that no extended-context tier prices: unknown
      var beyond = "prompt beyond the " + fmtInt(m.context) + "-token context window";
      return {total: null, parts: [], missing: [beyond], tier: tier};
    }
    var rate;
    if (batch) {
      rate = tier ? {input: null, cached: null, write: null, output: null}
                  : {input: m.batch_input, cached: null, write: null, output: m.batch_output};
    } else if (tier) {
      rate = {input: tier.input, cached: tier.cached, write: null, output: tier.output};
    } else {
      rate = {input: m.input, cached: m.cached, write: m.cache_write, output: m.output};
    }
    var prefix = batch ? "batch " : "";
    var parts = [
      {label: prefix + "input" + above, tokens: tokens.input, rate: rate.input},
      {label: prefix + "cached input" + above, tokens: tokens.cached, rate: rate.cached},
      {label: prefix + "cache write" + above, tokens: tokens.write, rate: rate.write},
      {label: prefix + "output" + above, tokens: tokens.output, rate: rate.output}
    ];
    var total = {m: 0n, s: 0};
    var missing = [];
    parts.forEach(function (p) {
      p.cost = {m: 0n, s: 0};
      var d = p.rate == null ? null : parseDec(p.rate);
      if (!d) {
        if (p.tokens > 0n) { p.cost = null; missing.push(p.label); }
        return;
      }
      p.cost = perMillion(d, p.tokens);
      total = decAdd(total, p.cost);
    });
    return {total: missing.length ? null : total, parts: parts, missing: missing, tier: tier};
  }

  /* ---------------------------------------------------------------- list view state */
  var COLUMNS = [
    {key: "name", label: "Model", type: "text", value: function (m) { return m.name.toLowerCase(); }},
    {key: "provider", label: "Provider", type: "text"},
    {key: "kind", label: "Kind", type: "text"},
    {key: "status", label: "Status", type: "text"},
    {key: "caps", label: "Caps", type: "text", title: "V vision, T tools, J JSON mode, S structured output, K thinking, C caching"},
    {key: "context", label: "Context", type: "num"},
    {key: "max_output", label: "Max out", type: "num"},
    {key: "input", label: "Input $/1M", type: "price"},
    {key: "output", label: "Output $/1M", type: "price"},
    {key: "cached", label: "Cached $/1M", type: "price"},
    {key: "quality", label: "Quality", type: "text"},
    {key: "updated", label: "Updated", type: "text"}
  ];
  var state = {sortKey: null, sortDir: 1, sorted: models.slice(), view: models, limit: PAGE};
  var tokenState = {input: "1000000", cached: "0", write: "0", output: "1000000", batch: false, longContext: false};

  function sortValue(col, m) {
    if (col.value) return col.value(m);
    if (col.type === "price") return m.num[col.key];
    var v = m[col.key];
    if (col.type === "num") return v == null ? null : v;
    return v == null || v === "" ? null : String(v).toLowerCase();
  }

  function resort() {
    var col = null;
    for (var k = 0; k < COLUMNS.length; k++) if (COLUMNS[k].key === state.sortKey) col = COLUMNS[k];
    if (!col) { state.sorted = models.slice(); return; }
    var dir = state.sortDir;
    var keyed = models.map(function (m) { return {v: sortValue(col, m), m: m}; });
    keyed.sort(function (a, b) {
      if (a.v == null || b.v == null) {
        if (a.v == null && b.v == null) return a.m.i - b.m.i;
        return a.v == null ? 1 : -1;  // unknowns last in both directions
      }
      if (a.v < b.v) return -dir;
      if (a.v > b.v) return dir;
      return a.m.i - b.m.i;
    });
    state.sorted = keyed.map(function (x) { return x.m; });
  }

  /* A non-negative number from a filter box (null when empty); token counts may say 128k or 1M. */
  function numberInput(id, tokens) {
    var t = $(id).value.trim().replace(/[,_\s]/g, "");
    if (t === "") { $(id).classList.remove("invalid"); return null; }
    var scale = 1;
    var suffix = tokens ? /^(.*?)([kKmM])$/.exec(t) : null;
    if (suffix) { t = suffix[1]; scale = /[kK]/.test(suffix[2]) ? 1e3 : 1e6; }
    var n = /^\d*\.?\d+$|^\d+\.$/.test(t) ? Number(t) * scale : NaN;
    var bad = !isFinite(n) || n < 0;
    $(id).classList.toggle("invalid", bad);
    return bad ? null : n;
  }

  function readFilters() {
    var caps = [];
    CAPS.forEach(function (c) { if ($("cap-" + c[0]).checked) caps.push(c[0]); });
    return {
      q: $("q").value.trim().toLowerCase().split(/\s+/).filter(Boolean),
      provider: $("f-provider").value,
      kind: $("f-kind").value,
      status: $("f-status").value,
      quality: $("f-quality").value,
      caps: caps,
      minCtx: numberInput("f-minctx", true),
      maxIn: numberInput("f-maxin"),
      maxOut: numberInput("f-maxout")
    };
  }

  function matches(m, f) {
    if (f.provider && m.provider !== f.provider) return false;
    if (f.kind && m.kind !== f.kind) return false;
    if (f.status && m.status !== f.status) return false;
    if (f.quality && m.quality !== f.quality) return false;
    for (var c = 0; c < f.caps.length; c++) if (m.caps.indexOf(f.caps[c]) < 0) return false;
    if (f.minCtx != null && (m.context == null || m.context < f.minCtx)) return false;
    if (f.maxIn != null && (m.num.input == null || m.num.input > f.maxIn)) return false;
    if (f.maxOut != null && (m.num.output == null || m.num.output > f.maxOut)) return false;
    for (var q = 0; q < f.q.length; q++) if (m.search.indexOf(f.q[q]) < 0) return false;
    return true;
  }

  function applyFilters() {
    var f = readFilters();
    state.view = state.sorted.filter(function (m) { return matches(m, f); });
    state.limit = PAGE;
    renderTable();
    renderChart();
  }

  var pending = false, resetPending = false;
  function scheduleUpdate() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; applyFilters(); });
  }

  /* ---------------------------------------------------------------- table */
  function modelHref(id) { return "#model=" + encodeURIComponent(id); }

  function cell(text, cls, title) {
    var td = el("td", cls ? {"class": cls} : null, text);
    if (title) td.title = title;
    return td;
  }

  function priceCell(m, key) {
    var known = m[key] != null;
    var td = cell(money(m[key]), known ? "num price" : "num price unknown", priceTitle(m, key));
    if ((key === "input" || key === "output") && m.tiers.length) td.classList.add("tiered");
    return td;
  }

  function rowEl(m) {
    var tr = document.createElement("tr");
    var name = el("td", {"class": "name"});
    name.appendChild(el("a", {href: modelHref(m.id)}, m.name));
    name.appendChild(el("div", {"class": "mid"}, m.id));
    tr.appendChild(name);
    tr.appendChild(cell(m.provider));
    tr.appendChild(cell(m.kind));
    tr.appendChild(cell(STATUS[m.status] || m.status, "status-" + (STATUS[m.status] || "other")));
    tr.appendChild(cell(m.caps, "caps", m.caps.split("").map(function (l) {
      for (var k = 0; k < CAPS.length; k++) if (CAPS[k][0] === l) return CAPS[k][1];
      return l;
    }).join(", ")));
    tr.appendChild(cell(fmtInt(m.context), m.context == null ? "num unknown" : "num"));
    tr.appendChild(cell(fmtInt(m.max_output), m.max_output == null ? "num unknown" : "num"));
    tr.appendChild(priceCell(m, "input"));
    tr.appendChild(priceCell(m, "output"));
    tr.appendChild(priceCell(m, "cached"));
    tr.appendChild(cell(m.quality, "q-" + m.quality, provenance(m)));
    tr.appendChild(cell(m.updated, "date"));
    return tr;
  }

  function renderHead() {
    var tr = $("head");
    COLUMNS.forEach(function (col) {
      var th = el("th", {scope: "col", "data-key": col.key, "aria-sort": "none"});
      if (col.type !== "text") th.className = "num";
      var b = el("button", {type: "button", title: (col.title ? col.title + ". " : "") + "Sort by " + col.label}, col.label);
      b.addEventListener("click", function () {
        if (state.sortKey === col.key) state.sortDir = -state.sortDir;
        else { state.sortKey = col.key; state.sortDir = 1; }
        resort();
        updateHeadMarks();
        applyFilters();
      });
      th.appendChild(b);
      tr.appendChild(th);
    });
  }

  function updateHeadMarks() {
    var ths = $("head").children;
    for (var k = 0; k < ths.length; k++) {
      var key = ths[k].getAttribute("data-key");
      ths[k].setAttribute("aria-sort", key === state.sortKey ? (state.sortDir > 0 ? "ascending" : "descending") : "none");
    }
  }

  function renderTable() {
    var n = Math.min(state.limit, state.view.length);
    var frag = document.createDocumentFragment();
    for (var k = 0; k < n; k++) frag.appendChild(rowEl(state.view[k]));
    $("rows").replaceChildren(frag);
    updateCount();
  }

  function showMore() {
    var start = Math.min(state.limit, state.view.length);
    state.limit += PAGE;
    var end = Math.min(state.limit, state.view.length);
    var frag = document.createDocumentFragment();
    for (var k = start; k < end; k++) frag.appendChild(rowEl(state.view[k]));
    $("rows").appendChild(frag);
    updateCount();
  }

  function updateCount() {
    var shown = Math.min(state.limit, state.view.length);
    var text = fmtInt(state.view.length) + " of " + fmtInt(models.length) + " offerings";
    if (shown < state.view.length) text += " (showing the first " + fmtInt(shown) + ")";
    $("count").textContent = text;
    var more = $("more");
    more.hidden = shown >= state.view.length;
    more.textContent = "Show " + fmtInt(Math.min(PAGE, state.view.length - shown)) + " more";
  }

  /* ---------------------------------------------------------------- chart */
  var providerColor = new Map();
  (function () {
    var names = Array.from(new Set(models.map(function (m) { return m.provider; }))).sort();
    names.forEach(function (p, k) {
      var hue = Math.round((k * 137.508) % 360);
      var light = k % 3 === 0 ? 38 : (k % 3 === 1 ? 48 : 58);
      providerColor.set(p, "hsl(" + hue + ", 70%, " + light + "%)");
    });
  })();

  function plottable(m) { return m.context > 0 && m.num.input > 0; }

  var domain = (function () {
    var xs = [], ys = [];
    models.forEach(function (m) { if (plottable(m)) { xs.push(m.context); ys.push(m.num.input); } });
    if (!xs.length) return null;
    function span(v) {
      var lo = Infinity, hi = -Infinity;
      v.forEach(function (x) { var l = Math.log10(x); if (l < lo) lo = l; if (l > hi) hi = l; });
      lo = Math.floor(lo); hi = Math.ceil(hi);
      if (hi <= lo) hi = lo + 1;
      return [lo, hi];
    }
    return {x: span(xs), y: span(ys)};
  })();

  function tickLabel(exp, isPrice) {
    if (isPrice) {
      if (exp < -3 || exp > 3) return "$1e" + exp;
      return "$" + (exp < 0 ? Math.pow(10, exp).toFixed(-exp) : String(Math.pow(10, exp)));
    }
    return exp >= 0 && exp <= 9 ? fmtTokens(Math.pow(10, exp)) : "1e" + exp;
  }

  /* At most about eight labelled decades per axis. */
  function tickStep(span) { return Math.max(1, Math.ceil((span[1] - span[0]) / 8)); }

  /* The chart is a canvas (thousands of points stay cheap); hover and click find the nearest point. */
  var CHART = {W: 880, H: 340, L: 70, R: 16, T: 14, B: 46};
  var chartPts = [];

  function renderChart() {
    var canvas = $("chart");
    var W = CHART.W, H = CHART.H, L = CHART.L, R = CHART.R, T = CHART.T, B = CHART.B;
    var pts = state.view.filter(plottable);
    var dpr = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
    if (canvas.width !== Math.round(W * dpr)) { canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr); }
    var g = canvas.getContext("2d");
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, W, H);
    g.font = "11px system-ui, sans-serif";
    g.fillStyle = "#5d6778";
    chartPts = [];
    if (!domain) {
      g.textAlign = "center";
      g.fillText("No offering has both a known context window and a non-zero input price.", W / 2, H / 2);
      canvas.setAttribute("data-points", "0");
      $("legend").replaceChildren();
      $("chart-note").textContent = "";
      return;
    }
    var dx = domain.x, dy = domain.y;
    function X(v) { return L + (Math.log10(v) - dx[0]) / (dx[1] - dx[0]) * (W - L - R); }
    function Y(v) { return H - B - (Math.log10(v) - dy[0]) / (dy[1] - dy[0]) * (H - T - B); }
    g.strokeStyle = "#dde2ea";
    g.lineWidth = 1;
    var sx = tickStep(dx), sy = tickStep(dy);
    g.beginPath();
    for (var e = dx[0]; e <= dx[1]; e += sx) {
      var x = Math.round(X(Math.pow(10, e))) + 0.5;
      g.moveTo(x, T); g.lineTo(x, H - B);
    }
    for (var f = dy[0]; f <= dy[1]; f += sy) {
      var y = Math.round(Y(Math.pow(10, f))) + 0.5;
      g.moveTo(L, y); g.lineTo(W - R, y);
    }
    g.stroke();
    g.textAlign = "center";
    for (e = dx[0]; e <= dx[1]; e += sx) g.fillText(tickLabel(e, false), X(Math.pow(10, e)), H - B + 16);
    g.textAlign = "right";
    for (f = dy[0]; f <= dy[1]; f += sy) g.fillText(tickLabel(f, true), L - 6, Y(Math.pow(10, f)) + 4);
    g.font = "12px system-ui, sans-serif";
    g.textAlign = "center";
    g.fillText("context window (tokens)", (L + W - R) / 2, H - 8);
    g.save();
    g.translate(14, (T + H - B) / 2);
    g.rotate(-Math.PI / 2);
    g.fillText("input $ per 1M tokens", 0, 0);
    g.restore();

    var counts = new Map();
    g.globalAlpha = 0.75;
    pts.forEach(function (m) {
      var p = {x: X(m.context), y: Y(m.num.input), m: m};
      chartPts.push(p);
      g.fillStyle = providerColor.get(m.provider);
      g.beginPath();
      g.arc(p.x, p.y, 3.5, 0, 2 * Math.PI);
      g.fill();
      counts.set(m.provider, (counts.get(m.provider) || 0) + 1);
    });
    g.globalAlpha = 1;
    canvas.setAttribute("data-points", String(chartPts.length));

    var order = Array.from(counts.entries()).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
    var legend = document.createDocumentFragment();
    order.slice(0, 16).forEach(function (e2) {
      var item = el("span", {"class": "key"});
      var sw = el("span", {"class": "swatch", "aria-hidden": "true"});
      sw.style.backgroundColor = providerColor.get(e2[0]);
      item.appendChild(sw);
      item.appendChild(document.createTextNode(" " + e2[0] + " (" + e2[1] + ")"));
      legend.appendChild(item);
    });
    if (order.length > 16) legend.appendChild(el("span", {"class": "key"}, "+ " + (order.length - 16) + " more providers"));
    $("legend").replaceChildren(legend);
    var skipped = state.view.length - pts.length;
    $("chart-note").textContent = fmtInt(pts.length) + " offerings plotted" +
      (skipped ? "; " + fmtInt(skipped) + " not plotted (unknown context, or unknown or zero input price)" : "") +
      ". Hover a point for its name; click it for its details.";
  }

  function nearestPoint(ev) {
    var canvas = $("chart");
    var rect = canvas.getBoundingClientRect();
    if (!rect.width) return null;
    var x = (ev.clientX - rect.left) * CHART.W / rect.width, y = (ev.clientY - rect.top) * CHART.H / rect.height;
    var best = null, bestD = 64;  // within 8 chart pixels
    for (var k = 0; k < chartPts.length; k++) {
      var ddx = chartPts[k].x - x, ddy = chartPts[k].y - y, d = ddx * ddx + ddy * ddy;
      if (d < bestD) { bestD = d; best = chartPts[k]; }
    }
    return best;
  }

  function chartHover(ev) {
    var p = nearestPoint(ev);
    var tip = $("chart-tip");
    $("chart").style.cursor = p ? "pointer" : "default";
    if (!p) { tip.hidden = true; return; }
    var m = p.m;
    tip.textContent = m.name + " (" + m.id + ")\ninput " + money(m.input) + " per 1M, context " + fmtInt(m.context) +
      " tokens";
    var box = $("chart-box").getBoundingClientRect();
    tip.style.left = Math.round(ev.clientX - box.left + 12) + "px";
    tip.style.top = Math.round(ev.clientY - box.top + 12) + "px";
    tip.hidden = false;
  }

  /* ---------------------------------------------------------------- detail view */
  /* Every offering of the same underlying model, cheapest first: the generator stores exactly what
   * modelsuite.offerings answers for each model (offer_groups), so the page and the library agree. */
  function offeringsOf(m) {
    var group = m.offers == null ? null : OFFER_GROUPS[m.offers];
    return group ? group.map(function (i) { return models[i]; }) : [m];
  }

  function readTokens() {
    var out = {};
    var bad = [];
    [["input", "calc-input"], ["cached", "calc-cached"], ["write", "calc-write"], ["output", "calc-output"]].forEach(function (p) {
      var raw = $(p[1]).value.trim().replace(/[,_\s]/g, "");
      tokenState[p[0]] = $(p[1]).value;
      if (raw === "") raw = "0";
      var ok = /^\d{1,15}$/.test(raw);
      $(p[1]).classList.toggle("invalid", !ok);
      if (ok) out[p[0]] = BigInt(raw); else bad.push(p[0]);
    });
    tokenState.batch = $("calc-batch").checked;
    tokenState.longContext = $("calc-long").checked;
    return bad.length ? null : out;
  }

  function dl(pairs) {
    var d = el("dl", {"class": "facts"});
    pairs.forEach(function (p) {
      if (p[1] == null || p[1] === "") return;
      d.appendChild(el("dt", null, p[0]));
      var dd = el("dd");
      if (p[1] instanceof Node) dd.appendChild(p[1]); else dd.textContent = String(p[1]);
      d.appendChild(dd);
    });
    return d;
  }

  function link(url, text) {
    var safe = safeUrl(url);
    if (!safe) return url ? document.createTextNode(String(url)) : null;
    return el("a", {href: safe, rel: "noopener noreferrer nofollow", target: "_blank"}, text || safe);
  }

  function renderDetail(id) {
    var v = $("detail-view");
    var parts = [el("p", null, null)];
    parts[0].appendChild(el("a", {href: "#", id: "back"}, "← all offerings"));
    var m = byId.get(id);
    if (!m) {
      parts.push(el("h2", null, "Not found"));
      parts.push(el("p", {id: "not-found"}, "No offering has the id " + id + "."));
      v.replaceChildren.apply(v, parts);
      return;
    }
    parts.push(el("h2", {id: "detail-name"}, m.name));
    parts.push(el("p", {"class": "mid", id: "detail-id"}, m.id));
    var caps = m.caps.split("").map(function (l) {
      for (var k = 0; k < CAPS.length; k++) if (CAPS[k][0] === l) return CAPS[k][1];
      return l;
    }).join(", ");
    var bench = m.benchmarks ? Object.keys(m.benchmarks).sort().map(function (k) {
      return k + " " + m.benchmarks[k];
    }).join(", ") : "";
    var sourceUrl = link(m.source_url);
    parts.push(dl([
      ["provider", m.provider + " (" + m.category + ")"],
      ["status", (STATUS[m.status] || m.status) + (m.deprecation_date ? ", retires " + m.deprecation_date : "")],
      ["kind", m.kind],
      ["alias", m.alias],
      ["context window", fmtInt(m.context) + (m.context == null ? "" : " tokens")],
      ["max output", fmtInt(m.max_output) + (m.max_output == null ? "" : " tokens")],
      ["capabilities", caps || "none stated"],
      ["modalities", m.input_modalities.length ? m.input_modalities.join("+") + " → " + m.output_modalities.join("+") : ""],
      ["base model", m.base_model],
      ["Hugging Face", m.hf_id],
      ["region", m.region],
      ["benchmarks", bench],
      ["description", m.description],
      ["notes", m.notes]
    ]));

    parts.push(el("h3", null, "Prices (USD per 1M tokens) and where they come from"));
    var pt = el("table", {"class": "prices", id: "detail-prices"});
    var head = el("tr");
    ["price", "USD / 1M", "source", "quality", "updated"].forEach(function (h) { head.appendChild(el("th", {scope: "col"}, h)); });
    pt.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    function priceRow(label, value) {
      var tr = el("tr");
      tr.appendChild(el("th", {scope: "row"}, label));
      tr.appendChild(el("td", {"class": value == null ? "num unknown" : "num"}, money(value)));
      tr.appendChild(el("td", {title: describeSource(m.source)}, m.source));
      tr.appendChild(el("td", {"class": "q-" + m.quality}, m.quality));
      tr.appendChild(el("td", {"class": "date"}, m.updated));
      body.appendChild(tr);
    }
    PRICE_KEYS.forEach(function (k) { priceRow(PRICE_LABELS[k], m[k]); });
    m.tiers.forEach(function (t) {
      priceRow("input, prompts above " + fmtInt(t.above), t.input);
      priceRow("output, prompts above " + fmtInt(t.above), t.output);
      priceRow("cached input, prompts above " + fmtInt(t.above), t.cached);
    });
    pt.appendChild(body);
    parts.push(pt);
    parts.push(dl([["source", describeSource(m.source)], ["source page", sourceUrl], ["quality", m.quality],
                   ["updated", m.updated]]));

    parts.push(el("h3", null, "Cost calculator"));
    var form = el("form", {id: "calc", "class": "calc", autocomplete: "off"});
    [["calc-input", "input tokens (uncached)", "input"], ["calc-cached", "cached input tokens", "cached"],
     ["calc-write", "cache-write tokens", "write"], ["calc-output", "output tokens", "output"]].forEach(function (f) {
      var lab = el("label", null, f[1] + " ");
      lab.appendChild(el("input", {id: f[0], type: "text", inputmode: "numeric", size: 12, value: tokenState[f[2]]}));
      form.appendChild(lab);
    });
    [["calc-batch", "batch API", "batch", "Use the batch-API prices"],
     ["calc-long", "extended context", "longContext",
      "Apply long-context tiers at or above the model's standard context window (an opt-in extended window)"]
    ].forEach(function (f) {
      var lab = el("label", {title: f[3]}, null);
      var box = el("input", {id: f[0], type: "checkbox"});
      box.checked = tokenState[f[2]];
      lab.appendChild(box);
      lab.appendChild(document.createTextNode(" " + f[1]));
      form.appendChild(lab);
    });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    parts.push(form);
    parts.push(el("p", {"class": "cost"}, null));
    parts[parts.length - 1].appendChild(document.createTextNode("Cost for " + m.id + ": "));
    parts[parts.length - 1].appendChild(el("output", {id: "cost-result"}, ""));
    parts.push(el("ul", {id: "cost-parts", "class": "cost-parts"}));

    var group = offeringsOf(m);
    parts.push(el("h3", null, "All offerings of " + (m.base_model || m.name) + " (" + group.length + "), cheapest first"));
    var ot = el("table", {"class": "offerings", id: "offerings"});
    var oh = el("tr");
    ["offering", "provider", "input", "output", "cached", "cache write", "batch in / out", "context", "max out",
     "cost", "source", "quality", "updated"].forEach(function (h) {
      oh.appendChild(el("th", {scope: "col"}, h));
    });
    ot.appendChild(el("thead")).appendChild(oh);
    var ob = el("tbody");
    group.forEach(function (o) {
      var tr = el("tr", o.id === m.id ? {"class": "current", "data-id": o.id} : {"data-id": o.id});
      var c0 = el("td", {"class": "name"});
      c0.appendChild(el("a", {href: modelHref(o.id)}, o.name));
      c0.appendChild(el("div", {"class": "mid"}, o.id));
      tr.appendChild(c0);
      tr.appendChild(cell(o.provider));
      tr.appendChild(priceCell(o, "input"));
      tr.appendChild(priceCell(o, "output"));
      tr.appendChild(priceCell(o, "cached"));
      tr.appendChild(priceCell(o, "cache_write"));
      tr.appendChild(cell(money(o.batch_input) + " / " + money(o.batch_output), "num", provenance(o)));
      tr.appendChild(cell(fmtInt(o.context), "num"));
      tr.appendChild(cell(fmtInt(o.max_output), "num"));
      tr.appendChild(el("td", {"class": "num offer-cost"}, ""));
      tr.appendChild(cell(o.source, null, describeSource(o.source)));
      tr.appendChild(cell(o.quality, "q-" + o.quality));
      tr.appendChild(cell(o.updated, "date"));
      ob.appendChild(tr);
    });
    ot.appendChild(ob);
    var wrap = el("div", {"class": "table-wrap"});
    wrap.appendChild(ot);
    parts.push(wrap);
    v.replaceChildren.apply(v, parts);

    function recompute() {
      var tokens = readTokens();
      var out = $("cost-result");
      var list = $("cost-parts");
      var rows = ob.children;
      if (!tokens) {
        out.textContent = "enter whole numbers of tokens";
        out.className = "unknown";
        list.replaceChildren();
        for (var k = 0; k < rows.length; k++) rows[k].querySelector(".offer-cost").textContent = "";
        return;
      }
      var r = estimateCost(m, tokens, tokenState.batch, tokenState.longContext);
      out.textContent = r.total ? "$" + decStr(r.total) : "unknown";
      out.className = r.total ? "" : "unknown";
      var items = r.parts.filter(function (p) { return p.tokens > 0n; }).map(function (p) {
        var line = fmtInt(p.tokens.toString()) + " " + p.label + " tokens × " + (p.rate == null ? "unknown" : money(p.rate)) +
          " / 1M = " + (p.cost ? "$" + decStr(p.cost) : "unknown");
        return el("li", p.cost ? null : {"class": "unknown"}, line);
      });
      if (r.missing.length) {
        items.push(el("li", {"class": "unknown"}, "The registry has no " + r.missing.join(", ") +
                      " price, so the total is unknown (never counted as $0)."));
      }
      if (r.tier) {
        items.push(el("li", null, "The prompt exceeds " + fmtInt(r.tier.above) +
                      " tokens: every token is billed at that tier's rates."));
      }
      list.replaceChildren.apply(list, items);
      for (var j = 0; j < rows.length; j++) {
        var o = byId.get(rows[j].getAttribute("data-id"));
        var c = estimateCost(o, tokens, tokenState.batch, tokenState.longContext);
        var td = rows[j].querySelector(".offer-cost");
        td.textContent = c.total ? "$" + decStr(c.total) : "unknown";
        td.classList.toggle("unknown", !c.total);
      }
    }
    form.addEventListener("input", recompute);
    form.addEventListener("change", recompute);
    recompute();
  }

  /* ---------------------------------------------------------------- routing */
  var listScroll = 0;
  function currentModelId() {
    var h = location.hash;
    if (h.indexOf("#model=") !== 0) return null;
    try { return decodeURIComponent(h.slice(7)); } catch (e) { return h.slice(7); }
  }

  function route() {
    var id = currentModelId();
    var list = $("list-view"), detail = $("detail-view");
    if (id == null) {
      if (list.hidden) {
        list.hidden = false;
        detail.hidden = true;
        detail.replaceChildren();
        window.scrollTo(0, listScroll);
      }
      document.title = "ModelSuite Registry: LLM models, prices and limits, with sources";
      return;
    }
    if (!list.hidden) listScroll = window.scrollY;
    renderDetail(id);
    list.hidden = true;
    detail.hidden = false;
    document.title = (byId.has(id) ? byId.get(id).name : "Not found") + " · ModelSuite Registry";
    window.scrollTo(0, 0);
  }

  /* ---------------------------------------------------------------- setup */
  function fillSelect(id, values, label) {
    var s = $(id);
    values.forEach(function (v) { s.appendChild(el("option", {value: v[0]}, label ? label(v) : v[0])); });
  }

  function countBy(key) {
    var counts = new Map();
    models.forEach(function (m) { counts.set(m[key], (counts.get(m[key]) || 0) + 1); });
    return Array.from(counts.entries()).sort(function (a, b) { return a[0] < b[0] ? -1 : (a[0] > b[0] ? 1 : 0); });
  }

  function init() {
    $("version").textContent = DATA.registry_version || "(unversioned)";
    $("total").textContent = fmtInt(models.length);
    function withCount(v) { return v[0] + " (" + v[1] + ")"; }
    fillSelect("f-provider", countBy("provider"), withCount);
    fillSelect("f-kind", countBy("kind"), withCount);
    fillSelect("f-status", countBy("status"), function (v) { return (STATUS[v[0]] || v[0]) + " (" + v[1] + ")"; });
    fillSelect("f-quality", countBy("quality").sort(function (a, b) {
      return QUALITIES.indexOf(a[0]) - QUALITIES.indexOf(b[0]);
    }), withCount);
    var caps = $("f-caps");
    CAPS.forEach(function (c) {
      var lab = el("label", {title: c[1]});
      lab.appendChild(el("input", {type: "checkbox", id: "cap-" + c[0], value: c[0]}));
      lab.appendChild(document.createTextNode(" " + c[0] + " " + c[1]));
      caps.appendChild(lab);
    });
    var sources = $("sources").tBodies[0];
    Object.keys(SOURCES).sort().forEach(function (id) {
      var tr = el("tr");
      tr.appendChild(el("td", null, id));
      tr.appendChild(el("td", null, SOURCES[id][0]));
      var td = el("td");
      var a = link(SOURCES[id][1]);
      if (a) td.appendChild(a);
      tr.appendChild(td);
      sources.appendChild(tr);
    });
    renderHead();
    applyFilters();

    var form = $("filters");
    form.addEventListener("input", scheduleUpdate);
    form.addEventListener("change", scheduleUpdate);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.addEventListener("reset", function () {  /* fires before the controls are reset */
      resetPending = true;
      setTimeout(function () { resetPending = false; scheduleUpdate(); }, 0);
    });
    $("more").addEventListener("click", showMore);
    $("chart").addEventListener("click", function (ev) {
      var p = nearestPoint(ev);
      if (p) location.hash = modelHref(p.m.id).slice(1);
    });
    $("chart").addEventListener("mousemove", chartHover);
    $("chart").addEventListener("mouseleave", function () { $("chart-tip").hidden = true; });
    window.addEventListener("hashchange", route);
    route();
    /* Time to interactive: the script is done (MODELSUITE_INIT), then the first frame is painted
     * and the page answers input (MODELSUITE_READY), both in ms since navigation started. */
    window.MODELSUITE_INIT = performance.now();
    requestAnimationFrame(function () {
      setTimeout(function () {
        window.MODELSUITE_READY = performance.now();
        document.documentElement.setAttribute("data-ready", "true");
      }, 0);
    });
  }

  /* Exposed for tests and for the curious: the exact cost function the page uses. */
  window.MODELSUITE = {
    /* Same arguments as modelsuite.estimate_cost; returns the cost as a decimal string, or null
     * when a needed price is unknown (Python raises PriceUnknownError) or the id is unknown. */
    estimateCost: function (id, input, output, cached, write, batch, longContext) {
      var m = byId.get(id);
      if (!m) return null;
      var r = estimateCost(m, {input: BigInt(input || 0), cached: BigInt(cached || 0), write: BigInt(write || 0),
                               output: BigInt(output || 0)}, !!batch, !!longContext);
      return r.total ? decStr(r.total) : null;
    },
    offerings: function (id) {
      var m = byId.get(id);
      return m ? offeringsOf(m).map(function (o) { return o.id; }) : null;
    },
    count: function () { return state.view.length; },
    /* True while a filter change is waiting for the next frame. */
    busy: function () { return pending || resetPending; },
    chartIds: function () { return chartPts.map(function (p) { return p.m.id; }); },
    /* Where a model's point is drawn, in CSS pixels of the viewport (null if not plotted). */
    chartPoint: function (id) {
      var rect = $("chart").getBoundingClientRect();
      for (var k = 0; k < chartPts.length; k++) {
        if (chartPts[k].m.id === id) {
          return {x: rect.left + chartPts[k].x * rect.width / CHART.W, y: rect.top + chartPts[k].y * rect.height / CHART.H};
        }
      }
      return null;
    }
  };

  init();
})();
