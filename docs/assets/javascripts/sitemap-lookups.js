// Material for MkDocs reads every <link rel="alternate"> in the page head
// and fetches a sitemap.xml beside each one, to guess the same page in
// another language. This site's head names each page's twin in the other
// edition (for search engines), and no sitemap sits beside a page, so
// each guess would be a failed request on every page. The site's own
// language switch (in the safety bar) already knows the twin, so those
// lookups are answered here, without a request, as failed; Material then
// carries on as if there were no other language. The sitemap of the
// page's own edition, which instant navigation needs, goes out as usual.
// Loaded before Material's bundle (overrides/main.html, block scripts).
(function () {
  "use strict";
  var SITEMAP = /\/sitemap\.xml(?:[?#]|$)/;
  var config = document.getElementById("__config");
  var base;
  try {
    base = new URL(JSON.parse(config.textContent).base, location.href).href;
  } catch (e) {
    return;  // not a Material page: nothing to answer
  }
  var own = new URL("sitemap.xml", base.replace(/\/?$/, "/")).href;
  var xhr = XMLHttpRequest.prototype;
  var open = xhr.open;
  var send = xhr.send;
  var answered = new WeakSet();
  xhr.open = function (method, url) {
    var address = new URL(String(url), document.baseURI).href;
    if (SITEMAP.test(address) && address !== own) answered.add(this); else answered.delete(this);
    return open.apply(this, arguments);
  };
  xhr.send = function () {
    if (!answered.has(this)) return send.apply(this, arguments);
    var request = this;
    setTimeout(function () { request.dispatchEvent(new ProgressEvent("error")); }, 0);
  };
})();
