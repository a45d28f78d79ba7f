// Worksheet pages: the Print button, whole answers on paper, and no answers
// lost by accident. Nothing a reader types is stored or sent.
//
// - The Print button is hidden until this script runs, so a reader without
//   JavaScript never sees a button that does nothing.
// - A writing box prints only what fits in it, so before printing each
//   answer is copied into a block that grows to fit, and the box itself is
//   hidden; after printing the page is put back. Empty boxes still print
//   their writing lines.
// - After typing, leaving asks first: following a link (instant navigation
//   included) with the page's own question, reloading or closing the tab
//   with the browser's. The quick exit never asks (quick-exit.js marks the
//   page as leaving and clears the answers).
// Listeners go on document and window once: Material's instant navigation
// swaps the page but keeps this script.
(function () {
  "use strict";
  var FIELDS = ".ws-field textarea, .ws-field input[type='text']";
  var QUESTION = "Leave this page? Your answers are not saved.";
  var printed = [];
  var confirmed = false;

  function showPrintButtons() {
    document.querySelectorAll("[data-ws-print]").forEach(function (button) {
      button.hidden = false;
    });
    confirmed = false;
  }

  function typed() {
    var fields = document.querySelectorAll(FIELDS);
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value.trim()) return true;
    }
    return !!document.querySelector(".ws-field input:checked");
  }

  function exiting() {
    return document.documentElement.hasAttribute("data-eab-leaving");
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-ws-print]")) {
      window.print();
      return;
    }
    var link = event.target.closest("a[href]");
    if (!link || link.matches("[data-eab-exit]") || link.hasAttribute("download") || exiting() || !typed()) return;
    var href = link.getAttribute("href");
    if (href.charAt(0) === "#" || /^(mailto|tel|sms):/i.test(href)) return;
    if (window.confirm(QUESTION)) {
      confirmed = true;  // the browser need not ask again as the page unloads
    } else {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  window.addEventListener("beforeunload", function (event) {
    if (confirmed || exiting() || !typed()) return;
    event.preventDefault();
    event.returnValue = QUESTION;  // browsers show their own words
  });

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(FIELDS).forEach(function (field) {
      if (!field.value.trim() || field.classList.contains("ws-printed")) return;
      var answer = document.createElement("div");
      answer.className = "ws-print-answer";
      answer.textContent = field.value;
      answer.style.minHeight = field.getBoundingClientRect().height + "px";
      field.classList.add("ws-printed");
      field.closest(".ws-field").classList.add("ws-answered");
      field.insertAdjacentElement("afterend", answer);
      printed.push(field);
    });
  });

  window.addEventListener("afterprint", function () {
    printed.splice(0).forEach(function (field) {
      var answer = field.nextElementSibling;
      if (answer && answer.classList.contains("ws-print-answer")) answer.remove();
      field.classList.remove("ws-printed");
      field.closest(".ws-field").classList.remove("ws-answered");
    });
  });

  if (window.document$) {
    window.document$.subscribe(showPrintButtons);
  } else {
    document.addEventListener("DOMContentLoaded", showPrintButtons);
  }
})();
