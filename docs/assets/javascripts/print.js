// Printing. Paper cannot open a collapsed block, so every closed <details>
// opens before the browser prints and closes again afterwards.
// print.css prints each outside link's address after its text. Two kinds of
// link are marked so it does not: links to this site (Material's instant
// navigation makes their addresses absolute, so CSS cannot tell them from
// outside links) and links whose text already is the address.
// Without JavaScript the page still prints; collapsed blocks print closed.
// Listeners go on window once: Material's instant navigation swaps the page
// but keeps this script, and each print looks at the page shown then.
(function () {
  "use strict";
  var opened = [];

  function bare(address) {
    return address.trim().replace(/^[a-z]+:\/\//i, "").replace(/^www\./i, "").replace(/\/+$/, "");
  }

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (block) {
      block.open = true;
      opened.push(block);
    });
    document.querySelectorAll(".md-content a[href^='http']").forEach(function (link) {
      if (link.host === window.location.host) {
        link.setAttribute("data-eab-same-site", "");
      } else if (bare(link.textContent) === bare(link.getAttribute("href"))) {
        link.setAttribute("data-eab-address-shown", "");
      }
    });
  });

  window.addEventListener("afterprint", function () {
    opened.splice(0).forEach(function (block) {
      block.open = false;
    });
  });
})();
