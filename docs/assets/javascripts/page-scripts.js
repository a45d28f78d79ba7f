// Scripts that only some pages use, fetched when the page in view has what
// they work on: worksheets.js for answer fields and the paper-size buttons,
// self-check.js for the self-check's form. Every other page (most of them)
// then downloads less on a first visit. It runs again on each page
// Material's instant navigation swaps in, and fetches each script once.
// Both scripts take up the page in view when they arrive (document$ hands
// its latest page to a late subscriber).
(function () {
  "use strict";
  var SCRIPTS = [
    { needs: ".ws-field, [data-ws-papers]", src: "assets/javascripts/worksheets.js" },
    { needs: "[data-sc-form]", src: "assets/javascripts/self-check.js" }
  ];
  var fetched = {};

  function base() {
    var config = document.getElementById("__config");
    try {
      return new URL(JSON.parse(config.textContent).base + "/", location.href);
    } catch (error) {
      return new URL("./", location.href);
    }
  }

  function fetchWhatThePageNeeds() {
    SCRIPTS.forEach(function (script) {
      if (fetched[script.src] || !document.querySelector(script.needs)) return;
      fetched[script.src] = true;
      var tag = document.createElement("script");
      tag.src = new URL(script.src, base()).href;
      document.head.appendChild(tag);
    });
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(fetchWhatThePageNeeds);
  } else {
    document.addEventListener("DOMContentLoaded", fetchWhatThePageNeeds);
  }
})();
