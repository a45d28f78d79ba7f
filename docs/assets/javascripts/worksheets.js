// Worksheet pages: the Print button, whole answers on paper, and no answers
// lost by accident. Nothing a reader types is stored or sent. Fetched by
// page-scripts.js on the pages with answer fields or paper-size buttons.
//
// - The Print button is hidden until this script runs, so a reader without
//   JavaScript never sees a button that does nothing.
// - A writing box prints only what fits in it, so before printing each
//   answer is copied into a block that grows to fit, and the box itself is
//   hidden; after printing the page is put back. Empty boxes still print
//   their writing lines.
// - "Save my answers as PDF" fills the worksheet's own fillable PDF, in the
//   paper size chosen, with what was typed and ticked, and downloads it; the
//   fields stay editable. It all happens in the browser: the PDF comes from
//   this site, the PDF library (pdf-lib, in vendor/) loads only when the
//   button is pressed, and nothing is sent or stored.
// - The two paper sizes are equals; the one the browser's region uses comes
//   first (Letter in the Americas' Letter countries, A4 elsewhere).
// - After typing, leaving asks first: following a link (instant navigation
//   included) with the page's own question, reloading or closing the tab
//   with the browser's. The quick exit never asks (quick-exit.js marks the
//   page as leaving and clears the answers).
// Listeners go on document and window once: Material's instant navigation
// swaps the page but keeps this script.
(function () {
  "use strict";
  // Status words in the page's language (its lang attribute).
  var SPANISH = document.documentElement.lang === "es";
  var FIELDS = ".ws-field textarea, .ws-field input[type='text']";
  var QUESTION = "Leave this page? Your answers are not saved.";
  var printed = [];
  var confirmed = false;

  // Where US Letter is the usual paper.
  var LETTER_REGIONS = ["US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA", "DO", "PR", "SV", "NI", "HN", "BO"];

  function letterFirst() {
    var langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    var region = (String(langs[0]).split("-")[1] || "").toUpperCase();
    return LETTER_REGIONS.indexOf(region) >= 0;
  }

  function setUp() {
    document.querySelectorAll("[data-ws-print], [data-ws-save]").forEach(function (button) {
      button.hidden = false;
    });
    document.querySelectorAll("[data-ws-papers]").forEach(function (bar) {
      var first = bar.querySelector('[data-ws-paper="' + (letterFirst() ? "letter" : "a4") + '"]');
      if (first) bar.insertBefore(first, bar.firstChild);
    });
    confirmed = false;
  }

  function loadLibrary(src) {
    if (window.PDFLib) return Promise.resolve(window.PDFLib);
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { resolve(window.PDFLib); };
      script.onerror = function () { reject(new Error("the PDF tool did not load")); };
      document.head.appendChild(script);
    });
  }

  // The PDF's fields with a name (WeasyPrint writes a radio group as one
  // field per button, "name.name", each with its position as its option).
  function fieldsNamed(form, name) {
    return form.getFields().filter(function (f) {
      return f.getName() === name || f.getName() === name + "." + name;
    });
  }

  function fill(PDFLib, pdf) {
    var form = pdf.getForm();
    document.querySelectorAll(".ws-field textarea, .ws-field input[type='text']").forEach(function (field) {
      if (field.value) form.getTextField(field.name).setText(field.value);
    });
    document.querySelectorAll(".ws-field input[type='checkbox']:checked").forEach(function (box) {
      fieldsNamed(form, box.name).forEach(function (f) { f.check(); });
    });
    document.querySelectorAll(".ws-field input[type='radio']:checked").forEach(function (radio) {
      var position = String(Array.prototype.indexOf.call(document.getElementsByName(radio.name), radio));
      fieldsNamed(form, radio.name).forEach(function (f) {
        if (f.getOptions().indexOf(position) < 0) return;
        f.select(position);
        // The group's own value, which PDF apps and readers look at first.
        var group = f.acroField.getParent();
        if (group) group.dict.set(PDFLib.PDFName.of("V"), PDFLib.PDFName.of(position));
      });
    });
  }

  function save(button) {
    var status = document.querySelector("[data-ws-status]");
    var say = function (text) { if (status) status.textContent = text; };
    button.disabled = true;
    say(SPANISH ? "Preparando tu PDF\u2026" : "Making your PDF\u2026");
    var PDFLib;
    loadLibrary(button.getAttribute("data-ws-lib"))
      .then(function (lib) {
        PDFLib = lib;
        return fetch(button.getAttribute("data-ws-save")).then(function (r) { return r.arrayBuffer(); });
      })
      .then(function (bytes) { return PDFLib.PDFDocument.load(bytes); })
      .then(function (pdf) {
        fill(PDFLib, pdf);
        // The standard PDF font cannot draw every character a reader may
        // type; then the fields keep the text and PDF apps draw it.
        return pdf.save().catch(function () {
          pdf.getForm().acroForm.dict.set(PDFLib.PDFName.of("NeedAppearances"), PDFLib.PDFBool.True);
          return pdf.save({ updateFieldAppearances: false });
        });
      })
      .then(function (bytes) {
        var url = URL.createObjectURL(new Blob([bytes], { type: "application/pdf" }));
        var link = document.createElement("a");
        link.href = url;
        link.download = button.getAttribute("data-ws-save").split("/").pop().replace(/\.pdf$/, "-my-answers.pdf");
        link.setAttribute("data-ws-file", "");
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
        say(SPANISH
          ? "Tu PDF con tus respuestas está en tus descargas. No se guarda en ningún otro sitio."
          : "Your PDF with your answers is saved to your downloads. It is not kept anywhere else.");
      })
      .catch(function (error) {
        say(SPANISH
          ? "No se pudo hacer el PDF (" + error.message + "). Imprime la página para conservar tus respuestas."
          : "Sorry, the PDF could not be made (" + error.message + "). Print the page instead to keep your answers.");
      })
      .then(function () { button.disabled = false; });
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
    var saving = event.target.closest("[data-ws-save]");
    if (saving) {
      save(saving);
      return;
    }
    var link = event.target.closest("a[href]");
    if (!link || link.matches("[data-eab-exit], [data-ws-file]") || link.hasAttribute("download") || exiting() || !typed()) return;
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
    window.document$.subscribe(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
})();
