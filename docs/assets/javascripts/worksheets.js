// Worksheet pages: the Print button. It is hidden until this script runs,
// so a reader without JavaScript never sees a button that does nothing.
(function () {
  function showPrintButtons() {
    document.querySelectorAll("[data-ws-print]").forEach(function (button) {
      button.hidden = false;
    });
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-ws-print]")) {
      window.print();
    }
  });
  // Material's instant navigation swaps pages without reloading this script.
  if (window.document$) {
    window.document$.subscribe(showPrintButtons);
  } else {
    document.addEventListener("DOMContentLoaded", showPrintButtons);
  }
})();
