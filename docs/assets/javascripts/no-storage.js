// Nothing on the device. Material for MkDocs remembers a few choices (light
// or dark mode, the chosen content tab) with two helpers, __md_get and
// __md_set, that write to localStorage and sessionStorage. On a shared phone
// that is a trace of the visit, so this site keeps those choices in memory
// instead. They last while the tab stays on the site (instant navigation
// keeps this page's scripts alive) and are forgotten on reload, as
// docs/get-help/browsing-safely.md tells readers.
// Loaded in <head> (overrides/main.html), after Material defines the helpers
// and before anything calls them.
(function () {
  "use strict";
  var memory = Object.create(null);

  function key(name, scope) {
    return (scope || window.__md_scope || window.location).pathname + "." + name;
  }

  window.__md_get = function (name, storage, scope) {
    var value = memory[key(name, scope)];
    return value === undefined ? null : JSON.parse(value);
  };

  window.__md_set = function (name, value, storage, scope) {
    memory[key(name, scope)] = JSON.stringify(value);
  };
})();
