/* Two small helpers for forms typed on phones over weak connections.
 *
 * 1. Drafts: what is typed in a form marked data-draft is kept in this
 *    phone's storage until the server has accepted it. If the submit fails
 *    (no signal), reopening the page brings the text back.
 * 2. Rows: a button data-add-row="<prefix>" adds an empty form to a Django
 *    formset from its <template>, so several petitions fit in one meeting.
 * 3. Errors in view: a refused form's error summary takes the focus (a phone
 *    shows it at once), and each of its links takes the user to the field.
 * 4. Text boxes grow with their text where the browser cannot (field-sizing).
 */
(function () {
  "use strict";
  var DAY = 24 * 60 * 60 * 1000;
  var storage;
  try { storage = window.localStorage; } catch (e) { storage = null; }

  function addRow(prefix) {
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.getElementById(prefix.replace(/s$/, "") + "-template");
    var rows = document.getElementById(prefix.replace(/s$/, "") + "-rows");
    if (!total || !template || !rows) return;
    var index = parseInt(total.value, 10);
    rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, index));
    total.value = index + 1;
  }

  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      addRow(button.dataset.addRow);
      var rows = document.querySelectorAll("fieldset.petition textarea");
      if (rows.length) rows[rows.length - 1].focus();
    });
  });

  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.scrollIntoView({ block: "start" });
    summary.focus({ preventScroll: true });
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      // The label goes to the top with its field, so the user sees what the field is.
      var label = document.querySelector("label[for='" + field.id + "']") || field;
      label.scrollIntoView({ block: "start" });
      field.focus({ preventScroll: true });
    });
  }

  var sizing = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");
  function grow(box) {
    box.style.height = "auto";
    box.style.height = box.scrollHeight + 2 + "px";
  }
  if (!sizing) {
    document.querySelectorAll("textarea").forEach(grow);
    document.addEventListener("input", function (event) {
      if (event.target.tagName === "TEXTAREA") grow(event.target);
    });
  }

  var form = document.querySelector("form[data-draft]");
  var pendingKey = "draft-pending";
  if (!storage) return;
  var session = window.sessionStorage;
  var pending = session.getItem(pendingKey);
  var key = form ? "draft:" + location.pathname : null;
  // A submitted draft whose form is gone from the next page was accepted by the server.
  if (pending && pending !== key) storage.removeItem(pending);
  session.removeItem(pendingKey);
  if (!form) return;

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "hidden" || /TOTAL_FORMS$/.test(el.name);
    });
  }

  function save() {
    var values = {};
    fields().forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        values[el.name + "=" + el.value] = el.checked;
      } else {
        values[el.name] = el.value;
      }
    });
    storage.setItem(key, JSON.stringify({ at: Date.now(), values: values }));
  }

  function restore(values) {
    var total = Object.keys(values).filter(function (n) { return /TOTAL_FORMS$/.test(n); });
    total.forEach(function (name) {
      var prefix = name.replace(/-TOTAL_FORMS$/, "");
      var input = document.getElementById("id_" + name);
      while (input && parseInt(input.value, 10) < parseInt(values[name], 10)) addRow(prefix);
    });
    fields().forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        var state = values[el.name + "=" + el.value];
        if (state !== undefined) el.checked = state;
      } else if (values[el.name] !== undefined && !/TOTAL_FORMS$/.test(el.name)) {
        el.value = values[el.name];
      }
    });
  }

  var stored = null;
  try { stored = JSON.parse(storage.getItem(key)); } catch (e) { stored = null; }
  if (stored && Date.now() - stored.at < 7 * DAY && !form.hasAttribute("data-bound")) {
    restore(stored.values);
    if (!sizing) form.querySelectorAll("textarea").forEach(grow);
    var note = document.getElementById("draft-restored");
    if (note) {
      note.hidden = false;
      note.querySelector("button").addEventListener("click", function () {
        storage.removeItem(key);
        location.reload();
      });
    }
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", function () {
    save();
    session.setItem(pendingKey, key);
  });
})();
