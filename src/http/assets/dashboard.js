// The Board's dashboard in the browser (and in Telegram as a Mini App). Plain script, no build step, no CDN.
/* global document, location, history, sessionStorage, localStorage, fetch, URL, URLSearchParams, window */
// Every value from the API is put into the page as text (textContent), never as HTML; only the chart SVGs, drawn by
// our own server, are inserted as markup.
"use strict";
(function () {
  var STRINGS = JSON.parse(document.getElementById("dash-strings").textContent);
  var STATES = ["late", "due", "open", "done", "unknown", "skipped", "unplanned"];
  var params = new URLSearchParams(location.hash.slice(1));
  // Inside Telegram the signed initData arrives in the fragment (tgWebAppData); it goes with every API call.
  var initData = params.get("tgWebAppData") || sessionStorage.getItem("dash-init") || "";
  if (params.get("tgWebAppData")) sessionStorage.setItem("dash-init", initData);
  var loginToken = params.get("login");
  if (loginToken) history.replaceState(null, "", location.pathname);
  var tgLang = "";
  try {
    tgLang = (JSON.parse(new URLSearchParams(initData).get("user") || "{}").language_code || "").slice(0, 2);
  } catch {
    tgLang = "";
  }
  var lang = localStorage.getItem("dash-lang") || (STRINGS[tgLang] ? tgLang : "vi");
  var data = null;
  var openUnit = null;
  var filters = { step: "held", state: "", type: "", model: false, q: "", sort: "code" };

  function tr(key, vars) {
    var text = (STRINGS[lang] && STRINGS[lang][key]) || key;
    if (vars)
      Object.keys(vars).forEach(function (k) {
        text = text.split("{" + k + "}").join(String(vars[k]));
      });
    return text;
  }
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs)
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "class") node.className = attrs[k];
        else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), attrs[k]);
        else if (attrs[k] !== false && attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
      });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }
  function fold(text) {
    return String(text)
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .toLowerCase();
  }
  var main = document.getElementById("main");
  function status(key) {
    main.replaceChildren(el("p", { class: "status", id: "status", text: tr(key) }));
  }

  function api(path, body) {
    var headers = { "content-type": "application/json" };
    if (initData) headers["x-telegram-init-data"] = initData;
    return fetch(path, {
      method: "POST",
      headers: headers,
      body: JSON.stringify(body || {}),
      credentials: "same-origin",
    }).then(function (response) {
      if (response.status === 401) throw { key: "dash-login-needed" };
      if (response.status === 403) throw { key: "dash-forbidden" };
      if (!response.ok) throw { key: "dash-error" };
      return response;
    });
  }
  function fail(error) {
    status((error && error.key) || "dash-error");
    document.getElementById("export").hidden = true;
  }

  function chrome() {
    document.documentElement.lang = lang;
    document.title = tr("dash-title");
    document.getElementById("title").textContent = tr("dash-title");
    document.getElementById("lang").value = lang;
    document.getElementById("lang").setAttribute("aria-label", tr("dash-language"));
    var exp = document.getElementById("export");
    exp.textContent = tr("dash-export");
    exp.hidden = !data;
    var out = document.getElementById("logout");
    out.textContent = tr("dash-logout");
    out.hidden = !data || Boolean(initData);
  }

  function load() {
    chrome();
    return api("/api/overview", { lang: lang })
      .then(function (r) {
        return r.json();
      })
      .then(function (d) {
        data = d;
        chrome();
        if (openUnit) return showUnit(openUnit);
        render();
      })
      .catch(fail);
  }

  function card(label, value, note) {
    return el("div", { class: "card" }, el("div", { class: "label", text: label }), el("div", { class: "value", text: value }), note ? el("div", { class: "note", text: note }) : null);
  }
  function pct(part, whole) {
    return whole ? Math.round((part * 100) / whole) : 0;
  }
  function badge(state, text) {
    return el("span", { class: "state state-" + state, "data-state": state, text: text || tr("state-" + state) });
  }
  function chart(id, title, svg) {
    var box = el("div", { class: "chart", id: id });
    box.innerHTML = svg; // our own server's echarts SVG, not data from a person
    return el("section", { class: "panel" }, el("h2", { text: title }), box);
  }

  function render() {
    var s = data.summary;
    var headline = el(
      "section",
      { class: "cards", id: "headline" },
      card(tr("dash-held"), s.held + "/" + s.total + " (" + pct(s.held, s.total) + "%)", tr("dash-as-of", { date: data.dateText })),
      card(tr("dash-model-held"), s.model.held + "/" + s.model.total),
      card(tr("dash-secretaries"), s.withSecretary + "/" + s.total + " (" + pct(s.withSecretary, s.total) + "%)"),
    );
    var stepRows = data.summary.steps.map(function (st) {
      var name = data.steps.find(function (x) { return x.key === st.key; });
      return el(
        "tr",
        null,
        el("th", { scope: "row", text: name ? name.short : st.key }),
        el("td", null, badge("done", String(st.counts.done))),
        el("td", null, badge("due", String(st.counts.due))),
        el("td", null, badge("late", String(st.counts.late))),
      );
    });
    var steps = el(
      "section",
      { class: "panel", id: "steps" },
      el("h2", { text: tr("dash-steps") }),
      el("table", { class: "steps" }, el("thead", null, el("tr", null, el("th"), el("th", { text: tr("state-done") }), el("th", { text: tr("state-due") }), el("th", { text: tr("state-late") }))), el("tbody", null, ...stepRows)),
    );
    main.replaceChildren(
      headline,
      steps,
      el("div", { class: "charts" }, chart("chart-time", tr("dash-chart-time"), data.charts.burnUp), chart("chart-steps", tr("dash-chart-steps"), data.charts.steps)),
      unitsPanel(),
      gapsPanel(),
    );
    renderRows();
  }

  function select(id, label, options, value, onchange) {
    var node = el("select", { id: id, onchange: onchange });
    options.forEach(function (o) {
      node.appendChild(el("option", { value: o[0], text: o[1] }));
    });
    node.value = value;
    return el("label", null, el("span", { text: label }), node);
  }

  function unitsPanel() {
    var controls = el(
      "div",
      { class: "filters" },
      el("label", { class: "search" }, el("span", { text: tr("dash-search") }), el("input", { id: "f-search", type: "search", value: filters.q, oninput: function (e) { filters.q = e.target.value; renderRows(); } })),
      select("f-step", tr("dash-filter-step"), data.steps.map(function (x) { return [x.key, x.short]; }), filters.step, function (e) { filters.step = e.target.value; renderRows(); }),
      select("f-state", tr("dash-filter-state"), [["", tr("dash-any")]].concat(STATES.map(function (x) { return [x, tr("state-" + x)]; })), filters.state, function (e) { filters.state = e.target.value; renderRows(); }),
      select("f-type", tr("dash-filter-type"), [["", tr("dash-any")]].concat(data.types.map(function (x) { return [x.key, x.name]; })), filters.type, function (e) { filters.type = e.target.value; renderRows(); }),
      select("f-sort", tr("dash-sort"), [["code", tr("dash-sort-code")], ["late", tr("dash-sort-late")]], filters.sort, function (e) { filters.sort = e.target.value; renderRows(); }),
      el("label", { class: "check" }, el("input", { id: "f-model", type: "checkbox", checked: filters.model ? "checked" : null, onchange: function (e) { filters.model = e.target.checked; renderRows(); } }), el("span", { text: tr("dash-filter-model") })),
    );
    return el(
      "section",
      { class: "panel", id: "units" },
      el("h2", { text: tr("dash-units") }),
      controls,
      el("p", { class: "shown", id: "shown" }),
      el("div", { class: "scroll" }, el("table", { class: "units" }, el("thead", null, el("tr", null, el("th", { text: tr("dash-col-code") }), el("th", { text: tr("dash-col-name") }), el("th", { text: tr("dash-col-type") }), el("th", { text: tr("dash-col-state") }), el("th", { class: "num", text: tr("dash-col-late") }))), el("tbody", { id: "unit-rows" }))),
    );
  }

  function renderRows() {
    var index = data.steps.findIndex(function (x) { return x.key === filters.step; });
    var q = fold(filters.q.trim());
    var typeNames = {};
    data.types.forEach(function (x) { typeNames[x.key] = x.name; });
    var rows = data.units.filter(function (u) {
      var st = u.s[index];
      if (filters.state && (!st || st[0] !== filters.state)) return false;
      if (filters.type && u.ty !== filters.type) return false;
      if (filters.model && !u.m) return false;
      if (q && fold(u.n).indexOf(q) < 0 && fold(u.c).indexOf(q) < 0) return false;
      return true;
    });
    if (filters.sort === "late")
      rows.sort(function (a, b) { return b.late - a.late || (a.c < b.c ? -1 : 1); });
    var body = document.getElementById("unit-rows");
    var fragment = document.createDocumentFragment();
    rows.forEach(function (u) {
      var st = u.s[index] || ["unknown", null, null];
      var text = tr("state-" + st[0]) + (st[0] === "late" ? " · " + tr("dash-days-late", { days: st[1] }) : st[2] ? " · " + st[2] : "");
      fragment.appendChild(
        el(
          "tr",
          { class: "row-" + st[0], "data-code": u.c },
          el("td", { class: "code", text: u.c }),
          el("td", null, el("button", { type: "button", class: "link", text: u.n, onclick: function () { showUnit(u.c); } }), u.m ? el("span", { class: "model", title: tr("dash-filter-model"), text: " ★" }) : null),
          el("td", { text: typeNames[u.ty] || u.ty }),
          el("td", null, badge(st[0], text)),
          el("td", { class: "num", text: u.late ? String(u.late) : "" }),
        ),
      );
    });
    body.replaceChildren(fragment);
    document.getElementById("shown").textContent = tr("dash-shown", { shown: rows.length, total: data.units.length });
  }

  function gapsPanel() {
    var g = data.gaps;
    var weeks = g.weeks.length
      ? el("table", { class: "gaps" }, el("thead", null, el("tr", null, el("th", { text: tr("dash-gaps-week") }), el("th", { class: "num", text: tr("dash-gaps-unanswered") }), el("th", { class: "num", text: tr("dash-gaps-disliked") }))), el("tbody", null, ...g.weeks.map(function (w) { return el("tr", null, el("td", { text: w.weekText }), el("td", { class: "num", text: String(w.unanswered) }), el("td", { class: "num", text: String(w.disliked) })); })))
      : el("p", { text: tr("dash-none") });
    var latest = el("ul", { class: "latest" }, ...g.latest.map(function (x) {
      return el("li", null, el("span", { class: "when", text: x.at + " " + (x.kind === "disliked" ? "👎" : "❓") + " " }), x.question);
    }));
    return el("section", { class: "panel", id: "gaps" }, el("h2", { text: tr("dash-gaps") }), weeks, g.latest.length ? el("h3", { text: tr("dash-gaps-latest") }) : null, latest, knowledgeTable());
  }

  // The knowledge loop's weekly figures, as /questions stats shows them.
  function knowledgeTable() {
    var k = data.knowledge;
    if (!k) return null;
    var cols = ["dash-kq-asked", "dash-kq-documents", "dash-kq-curated", "dash-kq-not-covered", "dash-kq-disliked", "dash-kq-board"];
    var cells = function (w) {
      var share = w.rated ? Math.round((100 * w.notHelpful) / w.rated) + "%" : "—";
      return [w.asked, w.fromDocuments, w.curated, w.notCovered, share, w.answeredByBoard + "/" + w.toBoard];
    };
    var table = k.weeks.length
      ? el("table", { class: "gaps", id: "knowledge" },
          el("thead", null, el("tr", null, el("th", { text: tr("dash-gaps-week") }), ...cols.map(function (c) { return el("th", { class: "num", text: tr(c) }); }))),
          el("tbody", null, ...k.weeks.map(function (w) {
            return el("tr", null, el("td", { text: w.week.slice(8, 10) + "/" + w.week.slice(5, 7) }), ...cells(w).map(function (v) { return el("td", { class: "num", text: String(v) }); }));
          })))
      : el("p", { text: tr("dash-none") });
    return el("div", null, el("h3", { text: tr("dash-kq") }), table, el("p", { text: tr("dash-kq-open", { open: k.open, days: k.oldestOpenDays }) }));
  }

  function showUnit(code) {
    openUnit = code;
    return api("/api/unit", { code: code, lang: lang })
      .then(function (r) { return r.json(); })
      .then(function (u) {
        var back = el("button", { type: "button", id: "back", class: "back", text: tr("dash-back"), onclick: function () { openUnit = null; render(); window.scrollTo(0, 0); } });
        var steps = el("ol", { class: "unit-steps" }, ...u.steps.map(function (s) {
          return el("li", { class: "row-" + s.state }, badge(s.state, s.stateText), " ", el("strong", { text: s.name }), s.date ? " — " + s.date : "", s.detail ? el("div", { class: "detail", text: s.detail }) : null, ...s.figures.map(function (f) { return el("div", { class: "detail", text: f }); }));
        }));
        var members = u.members.length ? el("ul", null, ...u.members.map(function (m) { return el("li", { text: m.name + " (" + m.role + ")" }); })) : el("p", { text: tr("dash-none") });
        var history = u.history.length ? el("ul", { class: "history" }, ...u.history.map(function (h) { return el("li", { text: h.step + ": " + h.date + " — " + h.by + ", " + h.at + (h.correction ? " " + tr("dash-unit-correction") : "") }); })) : el("p", { text: tr("dash-none") });
        main.replaceChildren(el("section", { class: "panel unit", id: "unit" }, back, el("h2", { text: u.code + " — " + u.name }), el("p", { class: "kind", text: u.kind }), el("h3", { text: tr("dash-unit-steps") }), steps, el("h3", { text: tr("dash-unit-members") }), members, el("h3", { text: tr("dash-unit-history") }), history));
        window.scrollTo(0, 0);
      })
      .catch(fail);
  }

  document.getElementById("lang").addEventListener("change", function (e) {
    lang = e.target.value;
    localStorage.setItem("dash-lang", lang);
    load();
  });
  document.getElementById("export").addEventListener("click", function () {
    api("/api/export", { lang: lang })
      .then(function (r) { return r.blob(); })
      .then(function (blob) {
        var a = el("a", { href: URL.createObjectURL(blob), download: "daihoi-progress-" + data.date + ".xlsx" });
        document.body.appendChild(a);
        a.click();
        a.remove();
      })
      .catch(fail);
  });
  document.getElementById("logout").addEventListener("click", function () {
    api("/api/logout").finally(function () {
      data = null;
      chrome();
      status("dash-login-needed");
    });
  });

  chrome();
  if (loginToken) {
    api("/api/login", { token: loginToken }).then(load, function () {
      status("dash-login-failed");
    });
  } else {
    load();
  }
})();
