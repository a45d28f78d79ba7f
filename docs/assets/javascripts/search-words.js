// Readers' words in search. The search index leaves out short common words
// ("should", "i", "to") and splits "D-day" into "d" and "day", but Material
// searches every typed word as the start of a word: "i" then matches every
// word that starts with i, and "should I leave" finds pages about intimacy.
// So a query is read the way the index was built: a hyphen after a single
// letter is dropped ("d-day" becomes "dday"), the common words and single
// letters are left out, and a query of several words also asks for them
// joined up ("shouldileave"), which the readers' vocabulary puts on the page
// that answers that phrase (scripts/search_words.py). A query with search
// syntax in it (quotes, +, -, ~, ^, *) is left as the reader typed it.
// search-on-demand.js hands every query to window.eabSearchQuery.
(function () {
  "use strict";
  // lunr's English stop words, the list the index was built with.
  var STOP = ("a able about across after all almost also am among an and any are as at be because been but by " +
    "can cannot could dear did do does either else ever every for from get got had has have he her hers him his " +
    "how however i if in into is it its just least let like likely may me might most must my neither no nor not " +
    "of off often on only or other our own rather said say says she should since so some than that the their " +
    "them then there these they this tis to too twas us wants was we were what when where which while who whom " +
    "why will with would yet you your").split(" ");
  var stop = Object.create(null);
  STOP.forEach(function (word) { stop[word] = true; });

  window.eabSearchQuery = function (query) {
    if (/["+\-~^*:]/.test(query.replace(/\b[a-z]-(?=[a-z])/gi, ""))) return query;
    var words = query.toLowerCase()
      .replace(/\b([a-z])-(?=[a-z])/g, "$1")
      .replace(/[^a-z0-9'\s]/g, " ")
      .split(/\s+/)
      .filter(Boolean);
    if (!words.length) return query;
    var kept = words.filter(function (word) { return !stop[word] && word.length > 1; });
    if (words.length > 1) kept.push(words.join("").replace(/'/g, ""));
    return kept.length ? kept.join(" ") : query;
  };
})();
