// No dead end in search. When a search finds nothing, Material shows only
// "No matching documents". A reader in pain who typed the wrong word then
// has nowhere to go, so this adds a short, kind note under it with links to
// Start here, the questions readers ask and crisis help. It watches the
// search results only once the reader starts typing, and removes the note
// as soon as results come back. Links are built from the safety bar's own
// "Get help now" link, so they are right on every page and after instant
// navigation.
(function () {
  "use strict";
  var HELP = "eab-search-help";
  var CRISIS = "get-help/crisis-and-safety/";
  var watched = null;
  // The note's words in the page's language (its lang attribute). The
  // questions are in English only, so the Spanish note says so.
  var WORDS = {
    en: {
      none: "Nothing matched those words. Try one short word, like \u201ctrust\u201d, \u201canger\u201d " +
        "or \u201cletter\u201d. Or go straight to:",
      links: [["start-here/", "Start here"], ["questions/", "Questions readers ask"], [CRISIS, "Get help now"]]
    },
    es: {
      none: "Ninguna página tiene esas palabras. Prueba con una sola palabra corta, como \u201cconfianza\u201d, " +
        "\u201crabia\u201d o \u201ccarta\u201d. O ve directo a:",
      links: [["start-here/", "Empieza aquí"], ["where-to-start/", "¿Por dónde empiezo?"], [CRISIS, "Ayuda ahora"]]
    }
  };
  var SAY = WORDS[document.documentElement.lang] || WORDS.en;

  function noResultsText() {
    var config = document.getElementById("__config");
    try {
      return JSON.parse(config.textContent).translations["search.result.none"];
    } catch (e) {
      return "No matching documents";
    }
  }

  function siteRoot() {
    var help = document.querySelector(".eab-safety__help");
    return help ? help.href.slice(0, help.href.length - CRISIS.length) : null;
  }

  function link(root, path, text) {
    var item = document.createElement("li");
    var a = document.createElement("a");
    a.href = root + path;
    a.textContent = text;
    item.appendChild(a);
    return item;
  }

  function note(root) {
    var box = document.createElement("div");
    box.className = HELP;
    var p = document.createElement("p");
    p.textContent = SAY.none;
    var list = document.createElement("ul");
    SAY.links.forEach(function (item) { list.appendChild(link(root, item[0], item[1])); });
    box.appendChild(p);
    box.appendChild(list);
    return box;
  }

  function update(result) {
    var meta = result.querySelector(".md-search-result__meta");
    var shown = result.querySelector("." + HELP);
    var empty = meta && meta.textContent.trim() === noResultsText();
    var root = siteRoot();
    if (empty && !shown && root) meta.insertAdjacentElement("afterend", note(root));
    if (!empty && shown) shown.remove();
  }

  function watch() {
    var result = document.querySelector(".md-search-result");
    if (!result || result === watched) return;
    watched = result;
    new MutationObserver(function () { update(result); })
      .observe(result, { childList: true, subtree: true, characterData: true });
    update(result);
  }

  document.addEventListener("input", function (event) {
    if (event.target && event.target.matches && event.target.matches("input.md-search__input")) watch();
  }, true);
  // Fetched when a search starts (search-on-demand.js): the reader may
  // already have typed.
  var box = document.querySelector("input.md-search__input");
  if (box && box.value) watch();
})();
