/* Small helpers for forms typed on phones over weak connections.
 *
 * 1. Drafts: what is typed in a form marked data-draft is kept in this
 *    phone's storage until the server has confirmed its save. If the submit
 *    fails (no signal, Back, a lost session), reopening the page brings the
 *    text back, with the same save_key, so that the server saves it once.
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

  if (!storage) return;
  var form = document.querySelector("form[data-draft]");
  var key = form ? "draft:" + location.pathname : null;
  var saveKey = form && form.elements.save_key;

  // A draft goes only when the server has confirmed its save: each confirmed save puts
  // the form's save_key in this cookie (apps/core/once.py). Landing on any page without
  // it (Back from a failed save, a refused save, a lost session) keeps every draft.
  var saved = cookie("saved_drafts").split(".");
  Object.keys(storage).filter(function (name) { return name.indexOf("draft:") === 0; })
    .forEach(function (name) {
      var draft = null;
      try { draft = JSON.parse(storage.getItem(name)); } catch (e) { draft = null; }
      var draftKey = draft && draft.values && draft.values.save_key;
      if (draftKey && saved.indexOf(draftKey.replace(/-/g, "")) >= 0) storage.removeItem(name);
    });
  if (!form) return;

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  // A new draft needs a key of its own: the page may come from the phone's cache, whose
  // key an earlier draft already used.
  function newKey() {
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken";
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
  var bound = form.hasAttribute("data-bound");
  if (!bound && saveKey) saveKey.value = newKey();
  if (stored && Date.now() - stored.at < 7 * DAY && !bound) {
    restore(stored.values);
    if (!sizing) form.querySelectorAll("textarea").forEach(grow);
    var note = document.getElementById("draft-restored");
    if (note) {
      note.hidden = false;
      note.querySelector("button").addEventListener("click", function () {
        storage.removeItem(key);
        if (saveKey && window.tocdpOutbox) window.tocdpOutbox.remove(saveKey.value);
        location.reload();
      });
    }
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", function () {
    // The token of a page kept on the phone may predate the last login: send the current one.
    var token = cookie("csrftoken");
    if (token && form.elements.csrfmiddlewaretoken) form.elements.csrfmiddlewaretoken.value = token;
    save();
  });
})();
