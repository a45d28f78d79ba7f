// Search on demand. Material for MkDocs downloads the whole search index
// (search/search_index.json, the largest file a first visit would fetch) and
// starts its search worker as soon as any page loads, whether or not the
// reader ever searches. On a phone that is wasted data and battery, so this
// holds both back until the reader shows they want to search: focusing,
// tapping or clicking the search box or its button, or pressing one of
// Material's search keys ("/", "s" or "f"). Then the held request goes out,
// the worker starts, and search works as usual.
// Loaded before Material's bundle (overrides/main.html, block scripts). It
// holds the index whether Material asks for it with XMLHttpRequest (9.x
// today) or fetch, and the search worker whatever its file's hash.
// The site's own search helpers wait too: search-words.js (every query
// to the worker passes through its window.eabSearchQuery) and
// search-help.js (a kind note when nothing matches) are fetched, from
// this file's folder, when the reader starts a search, and the worker
// starts once they have arrived (or failed to).
(function () {
  "use strict";
  var HELPERS = ["search-words.js", "search-help.js"];
  var here = document.currentScript && document.currentScript.src;
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var WORKER = /\/assets\/javascripts\/workers\/search\.[^/]*\.js(?:[?#]|$)/;
  var KEYS = { "/": 1, s: 1, f: 1 };
  var QUERY = 2;               // Material's SearchMessageType.QUERY
  var wanted = false;
  var waiting = [];            // functions to run once the reader wants search

  function later(job) {
    if (wanted) job(); else waiting.push(job);
  }

  function start() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (job) { job(); });
  }

  // The helpers, fetched once; `job` runs when both have loaded or failed.
  var helpers = null;          // jobs waiting for them, or true once settled
  function withHelpers(job) {
    if (helpers === true) return job();
    if (helpers) return helpers.push(job);
    helpers = [job];
    var left = here ? HELPERS.length : 0;
    function settled() {
      if (--left > 0) return;
      var jobs = helpers;
      helpers = true;
      jobs.forEach(function (waiting) { waiting(); });
    }
    if (!left) return settled();
    HELPERS.forEach(function (name) {
      var tag = document.createElement("script");
      tag.src = new URL(name, here).href;
      tag.onload = tag.onerror = settled;
      document.head.appendChild(tag);
    });
  }

  // A reader's query, in the words the index knows (search-words.js).
  function inReadersWords(message) {
    if (message && message.type === QUERY && typeof message.data === "string" && window.eabSearchQuery) {
      return { type: QUERY, data: window.eabSearchQuery(message.data) };
    }
    return message;
  }

  // The index by XMLHttpRequest: keep the request, send it later.
  var xhr = XMLHttpRequest.prototype;
  var open = xhr.open;
  var send = xhr.send;
  var held = new WeakSet();
  xhr.open = function (method, url) {
    if (!wanted && INDEX.test(String(url))) held.add(this); else held.delete(this);
    return open.apply(this, arguments);
  };
  xhr.send = function () {
    var request = this, args = arguments;
    if (!held.has(request)) return send.apply(request, args);
    held.delete(request);
    later(function () { send.apply(request, args); });
  };

  // The index by fetch: a promise that starts the real fetch later.
  if (window.fetch) {
    var realFetch = window.fetch;
    window.fetch = function (input) {
      var url = typeof input === "string" ? input : input && (input.url || String(input));
      var self = this, args = arguments;
      if (wanted || !INDEX.test(url)) return realFetch.apply(self, args);
      if (typeof input === "string") args = [new URL(input, document.baseURI).href].concat([].slice.call(args, 1));
      return new Promise(function (resolve) { later(resolve); })
        .then(function () { return realFetch.apply(self, args); });
    };
  }

  // The search worker: a stand-in that queues messages until it starts.
  var RealWorker = window.Worker;
  if (RealWorker && window.EventTarget) {
    var LazyWorker = function (url, options) {
      // Resolved now: by the time it starts, instant navigation may have
      // moved the page, and with it what a relative address means.
      url = new URL(String(url), document.baseURI).href;
      var target = new EventTarget(), queue = [], real = null, stopped = false;
      target.postMessage = function (message) {
        if (real) real.postMessage(inReadersWords(message)); else queue.push(message);
      };
      target.terminate = function () {
        if (real) real.terminate();
        stopped = true;
        queue = [];
      };
      later(function () {
        withHelpers(function () {
          if (stopped) return;
          real = new RealWorker(url, options);
          real.addEventListener("message", function (e) {
            target.dispatchEvent(new MessageEvent("message", { data: e.data }));
          });
          real.addEventListener("error", function () { target.dispatchEvent(new Event("error")); });
          queue.splice(0).forEach(function (message) { real.postMessage(inReadersWords(message)); });
        });
      });
      return target;
    };
    window.Worker = function (url, options) {
      if (WORKER.test(new URL(String(url), document.baseURI).pathname)) {
        return new LazyWorker(url, options);
      }
      return new RealWorker(url, options);
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  // The reader's signs that they want to search. Listeners on the document
  // outlive instant navigation, which swaps the page's content.
  function isSearch(el) {
    return el instanceof Element &&
      !!el.closest('form[name="search"], [data-md-component="search"], label[for="__search"]');
  }
  function editable(el) {
    return el instanceof Element &&
      (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  document.addEventListener("focusin", function (e) {
    if (isSearch(e.target)) start();
  }, true);
  document.addEventListener("pointerdown", function (e) {
    if (isSearch(e.target)) start();
  }, true);
  document.addEventListener("click", function (e) {
    if (isSearch(e.target)) start();
  }, true);
  document.addEventListener("change", function (e) {
    if (e.target && e.target.id === "__search") start();
  }, true);
  document.addEventListener("keydown", function (e) {
    if (KEYS[e.key] && !e.ctrlKey && !e.metaKey && !e.altKey && !editable(e.target)) start();
  }, true);
})();
