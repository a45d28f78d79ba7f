// "Where do I start?": the self-check's plan, worked out on the page.
//
// The questions and rules come from assets/self-check.json, which the build
// writes from scripts/self_check.yml; the plan is worked out here the same
// way scripts/self_check.py does (the tests hold the two to the same cases).
// Nothing a reader answers is sent, stored or put in the address: the form
// has nowhere to go, the plan is built in the page, and "Start again" and
// the quick exit clear every answer. Without this script the form stays
// hidden and the guide below it gives the same advice.
// Fetched by page-scripts.js on the pages with the form. Listeners go on
// document once: Material's instant navigation swaps the page but keeps
// this script.
(function () {
  "use strict";
  var data = null;
  // The words of each edition's language (the page's lang attribute).
  var WORDS = {
    en: {
      read: "Start with these",
      worksheet: "Try this worksheet",
      path: "Follow this path",
      support: "Get support",
      because: " Because ",
      english: ""
    },
    es: {
      read: "Empieza por estas páginas",
      worksheet: "Prueba esta hoja de trabajo",
      path: "Sigue esta ruta",
      support: "Busca apoyo",
      because: " Porque dijiste ",
      english: " (en inglés)"
    }
  };
  var SAY = WORDS[document.documentElement.lang] || WORDS.en;
  var HEADINGS = { read: SAY.read, worksheet: SAY.worksheet, path: SAY.path, support: SAY.support };

  // The edition's root, from this script's own address (its assets/javascripts/).
  var ROOT = new URL("../../", document.currentScript.src);

  function answers(form) {
    var picked = {};
    form.querySelectorAll("input:checked").forEach(function (input) {
      (picked[input.name] = picked[input.name] || {})[input.value] = true;
    });
    return picked;
  }

  function isDanger(question, option) {
    return (data.danger[question] || []).indexOf(option) >= 0;
  }

  function plan(picked) {
    var applies = function (rule) {
      return Object.keys(rule.when).every(function (q) {
        return rule.when[q].some(function (o) { return picked[q] && picked[q][o]; });
      });
    };
    var aboutDanger = function (rule) {
      return Object.keys(rule.when).some(function (q) {
        return rule.when[q].some(function (o) { return isDanger(q, o); });
      });
    };
    var danger = Object.keys(picked).some(function (q) {
      return Object.keys(picked[q]).some(function (o) { return isDanger(q, o); });
    });
    var reader = {};
    Object.keys(picked.who || {}).forEach(function (option) {
      (data.who[option] || []).forEach(function (audience) { reader[audience] = true; });
    });
    // A page is kept only if it is written for this reader (its front matter audience).
    var fits = function (page) {
      if (!Object.keys(reader).length) return true;
      return (data.pages[page].audience || []).some(function (audience) { return reader[audience]; });
    };
    var rules = data.rules.filter(applies);
    if (danger) rules = rules.filter(aboutDanger).concat(rules.filter(function (r) { return !aboutDanger(r); }));
    var result = { safety: danger };
    Object.keys(data.sections).forEach(function (section) {
      var chosen = [];
      var candidates = rules.map(function (rule) {
        return rule[section].filter(function (page) {
          return fits(page) && !(danger && data.couples.indexOf(page) >= 0);
        });
      });
      var deepest = Math.max.apply(null, [0].concat(candidates.map(function (pages) { return pages.length; })));
      // Each answer's first page before any answer's second one.
      for (var depth = 0; depth < deepest; depth++) {
        rules.forEach(function (rule, n) {
          var page = candidates[n][depth];
          var seen = chosen.some(function (c) { return c.page === page; });
          if (page && !seen && chosen.length < data.sections[section]) {
            chosen.push({ page: page, because: rule.because });
          }
        });
      }
      result[section] = chosen;
    });
    return result;
  }

  function show(form, result) {
    var box = document.querySelector("[data-sc-plan]");
    var items = box.querySelector("[data-sc-items]");
    items.textContent = "";
    box.querySelector("[data-sc-safety]").hidden = !result.safety;
    Object.keys(HEADINGS).forEach(function (section) {
      if (!result[section].length) return;
      var heading = document.createElement("h3");
      heading.textContent = HEADINGS[section];
      var list = document.createElement("ul");
      list.className = "sc-items";
      result[section].forEach(function (item) {
        var page = data.pages[item.page];
        var entry = document.createElement("li");
        var link = document.createElement("a");
        link.href = new URL(item.page, ROOT).pathname;  // pages are named by their address
        link.textContent = page.title + (page.lang ? SAY.english : "");
        if (page.lang) link.hreflang = page.lang;
        var why = document.createElement("span");
        why.className = "sc-because";
        why.textContent = SAY.because + item.because + ".";
        entry.appendChild(link);
        entry.appendChild(why);
        list.appendChild(entry);
      });
      items.appendChild(heading);
      items.appendChild(list);
    });
    box.hidden = false;
    document.documentElement.classList.add("sc-has-plan");
    box.focus();
  }

  function clear() {
    var form = document.querySelector("[data-sc-form]");
    var box = document.querySelector("[data-sc-plan]");
    if (form) form.reset();
    if (box) {
      box.hidden = true;
      box.querySelector("[data-sc-items]").textContent = "";
    }
    document.documentElement.classList.remove("sc-has-plan");
  }

  function setUp() {
    var form = document.querySelector("[data-sc-form]");
    if (!form) return;
    clear();
    var load = data ? Promise.resolve(data) : fetch(new URL("assets/self-check.json", ROOT), {
      credentials: "same-origin", cache: "no-store"
    }).then(function (response) {
      if (!response.ok) throw new Error("the self-check data did not load");
      return response.json();
    });
    load.then(function (loaded) {
      data = loaded;
      form.hidden = false;
      var guide = document.querySelector("[data-sc-guide]");
      if (guide) guide.classList.add("sc-guide--aside");
    }).catch(function () { /* the guide stays: it gives the same advice */ });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-sc-form]");
    if (!form) return;
    event.preventDefault();  // the answers never leave the page, not even into the address bar
    if (data) show(form, plan(answers(form)));
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-sc-reset]")) {
      clear();
      var first = document.querySelector("[data-sc-form] input");
      if (first) first.focus();
    } else if (event.target.closest("[data-sc-print]")) {
      window.print();
    }
  });

  // "None of these" and a danger sign cannot both be ticked.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.closest || !input.closest("[data-sc-form]") || input.type !== "checkbox" || !input.checked) return;
    var group = input.form.querySelectorAll('input[name="' + input.name + '"]');
    var exclusive = function (box) { return box.value === "none" || box.value === "nobody"; };
    group.forEach(function (other) {
      if (other !== input && (exclusive(input) || exclusive(other))) other.checked = false;
    });
  });

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
})();
