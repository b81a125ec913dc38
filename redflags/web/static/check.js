// The public checker: sends the text to /api/check and shows each red flag with its advice.
// Nothing is stored: the text lives in this page only.
(function () {
  "use strict";
  const texts = JSON.parse(document.getElementById("check-texts").textContent);
  const form = document.getElementById("check-form");
  const area = document.getElementById("check-text");
  const lang = document.getElementById("check-lang");
  const out = document.getElementById("report");

  function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }

  function pageLanguage(code) {
    const t = texts[code] || texts.en;
    document.documentElement.lang = code || "en";
    document.getElementById("heading").textContent = t.heading;
    document.getElementById("intro").textContent = t.intro;
    document.getElementById("privacy").textContent = "🔒 " + t.privacy;
    document.getElementById("check-button").textContent = t.button;
    document.getElementById("lang-label").firstChild.textContent = t.switch + " ";
    lang.options[0].textContent = t.auto;
  }

  function show(r) {
    out.replaceChildren();
    const lb = r.labels;
    pageLanguage(r.language);
    out.appendChild(el("h2", "lvl-" + r.level, lb.risk + ": " + lb["level_" + r.level]));
    out.appendChild(el("p", "summary", r.summary));
    if (r.hits.length) {
      out.appendChild(el("p", null, lb.found));
      for (const h of r.hits) {
        const d = el("div", "flag");
        d.appendChild(el("strong", null, "“" + h.text + "”"));
        d.appendChild(el("p", null, h.explanation));
        if (h.advice) d.appendChild(el("p", "muted", h.advice));
        out.appendChild(d);
      }
    } else {
      out.appendChild(el("p", null, lb.none_found));
    }
    out.appendChild(el("h3", null, lb.what_to_do));
    out.appendChild(el("p", null, r.advice));
    out.appendChild(el("p", "muted", lb.disclaimer));
  }

  form.addEventListener("submit", async function (ev) {
    ev.preventDefault();
    const body = { text: area.value };
    if (lang.value) body.language = lang.value;
    const resp = await fetch("/api/check", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const data = await resp.json();
    if (!resp.ok) { out.replaceChildren(el("p", "error", data.error ? data.error.message : "error")); return; }
    show(data);
  });
  lang.addEventListener("change", function () { if (lang.value) pageLanguage(lang.value); if (area.value.trim()) form.requestSubmit(); });
})();
