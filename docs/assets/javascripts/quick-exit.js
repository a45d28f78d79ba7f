// Quick exit, after the GOV.UK Design System's "Exit this page" component.
// Readers: docs/get-help/quick-exit.md. Markup: overrides/partials/safety-bar.html.
//
// The "Leave this site" link, or the Shift key pressed on its own 3 times
// within 5 seconds, blanks the page at once and then replaces it in the
// tab's history with a neutral website, so Back does not come here.
// Without JavaScript the link still works, as a plain link.
//
// Listeners go on document and window once: Material's instant navigation
// swaps the page's content (and the safety bar) but keeps this script.
(function () {
  "use strict";
  var PRESSES = 3;
  var WINDOW_MS = 5000;
  var FALLBACK_URL = "https://www.bbc.co.uk/weather";

  var count = 0;          // Shift presses so far
  var timer = null;       // ends the 5-second window
  var shiftDown = false;  // Shift is held...
  var shiftAlone = false; // ...and nothing else was pressed with it
  var leaving = false;

  function exitLink() {
    return document.querySelector("[data-eab-exit]");
  }

  // The status words in the page's language (its lang attribute).
  var SPANISH = document.documentElement.lang === "es";

  function pressesMessage() {
    return SPANISH
      ? "Mayús pulsada " + count + " de " + PRESSES + " veces"
      : "Shift pressed " + count + " of " + PRESSES + " times";
  }

  // The screen reader status and the dots on the button.
  function show(message) {
    var status = document.querySelector("[data-eab-exit-status]");
    if (status) {
      status.textContent = message;
    }
    var link = exitLink();
    if (link) {
      link.setAttribute("data-eab-presses", String(count));
    }
  }

  function reset(message) {
    count = 0;
    clearTimeout(timer);
    timer = null;
    show(message || "");
  }

  function blank() {
    document.documentElement.setAttribute("data-eab-leaving", "");
    if (document.body) {
      document.body.style.display = "none";
    }
    // Answers typed on a worksheet go too (worksheets.js never asks to stay).
    document.querySelectorAll(".ws-field textarea, .ws-field input, [data-sc-form] input").forEach(function (field) {
      if (field.type === "radio" || field.type === "checkbox") field.checked = false; else field.value = "";
    });
    // So do the self-check's answers and the plan made from them (self-check.js).
    document.querySelectorAll("[data-sc-items]").forEach(function (items) { items.textContent = ""; });
  }

  function unblank() {
    document.documentElement.removeAttribute("data-eab-leaving");
    if (document.body) {
      document.body.style.display = "";
    }
  }

  function leave() {
    leaving = true;
    reset();
    blank();
    document.title = SPANISH ? "Cargando" : "Loading";
    var link = exitLink();
    window.location.replace(link ? link.href : FALLBACK_URL);
  }

  // Shift on its own: pressed and released with no other key or click.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) {
        shiftDown = true;
        shiftAlone = !(event.ctrlKey || event.altKey || event.metaKey);
      }
      return;
    }
    // Any other key, with Shift or without, cancels the count.
    shiftAlone = false;
    if (count > 0) {
      reset();
    }
  }, true);

  document.addEventListener("pointerdown", function () {
    shiftAlone = false;
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      return;
    }
    var alone = shiftDown && shiftAlone;
    shiftDown = false;
    shiftAlone = false;
    if (!alone || leaving) {
      return;
    }
    count += 1;
    if (count >= PRESSES) {
      leave();
      return;
    }
    if (count === 1) {
      timer = setTimeout(function () {
        reset(SPANISH ? "Se acabó el tiempo de la salida rápida" : "Quick exit timed out");
      }, WINDOW_MS);
    }
    show(pressesMessage());
  }, true);

  // Any click on the link, before Material's instant navigation sees it.
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-eab-exit]")) {
      event.preventDefault();
      leave();
    }
  }, true);

  // Restored from the back-forward cache: never show a page the reader left
  // with the quick exit; otherwise start the count afresh.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) {
      return;
    }
    blank();
    shiftDown = false;
    shiftAlone = false;
    reset();
    if (leaving) {
      leave();
    } else {
      unblank();
    }
  });

  // Instant navigation re-renders the safety bar: show the count again.
  if (window.document$) {
    window.document$.subscribe(function () {
      show(count > 0 ? pressesMessage() : "");
    });
  }
})();
