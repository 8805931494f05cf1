/* A group's yearly household assessment on a phone, in steps.
 *
 * Each household (or a few at a time) is saved by its own request to the form's
 * data-rows-save address, checked there by the same form and scope as the whole
 * page. What is ticked and not yet saved is kept on this phone until the server
 * has accepted it, and the bar at the bottom says how many households are not
 * saved yet. Without this script the page is one form, saved all at once.
 */
(function () {
  "use strict";
  var form = document.querySelector("form[data-rows-save]");
  if (!form || !window.fetch || !window.FormData) return;
  var BATCH = 8; // small enough for a weak line; a refused line holds back only its batch
  var bar = form.querySelector("[data-save-bar]");
  var count = bar.querySelector("[data-count]");
  var barError = bar.querySelector("[data-bar-error]");
  var key = "assessment-rows:" + form.dataset.draftKey;
  var rows = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-household]"));
  var storage;
  try { storage = window.localStorage; } catch (e) { storage = null; }

  function boxes(row) {
    return Array.prototype.slice.call(row.querySelectorAll("input[type=checkbox]"));
  }
  function flag(box) { return box.name.replace(/^form-\d+-/, ""); }
  function changed(row) {
    return boxes(row).some(function (box) { return box.checked !== box.defaultChecked; });
  }
  // Not assessed this year: what is shown is only last year's result or the default.
  function unsaved(row) { return row.dataset.assessed !== "1" || changed(row); }

  function readDraft() {
    try { return JSON.parse(storage.getItem(key)) || {}; } catch (e) { return {}; }
  }
  function writeDraft() {
    if (!storage) return;
    var draft = {};
    rows.forEach(function (row) {
      if (!changed(row)) return;
      var values = {};
      boxes(row).forEach(function (box) { values[flag(box)] = box.checked; });
      draft[row.dataset.household] = values;
    });
    if (Object.keys(draft).length) storage.setItem(key, JSON.stringify(draft));
    else storage.removeItem(key);
  }

  function refresh() {
    var n = 0;
    rows.forEach(function (row) {
      var open = unsaved(row);
      if (open) n += 1;
      row.classList.toggle("unsaved", open);
      row.querySelector("[data-row-save]").hidden = !open;
    });
    count.textContent = n === 0 ? bar.dataset.none
      : n === 1 ? bar.dataset.one : bar.dataset.many.replace("{n}", n);
  }

  function showErrors(row, messages) {
    var box = row.querySelector("[data-row-errors]");
    box.textContent = "";
    row.classList.toggle("has-error", messages.length > 0);
    if (!messages.length) return;
    var list = document.createElement("ul");
    list.className = "errorlist";
    messages.forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      list.appendChild(item);
    });
    box.appendChild(list);
  }
  function status(row, text) { row.querySelector("[data-row-status]").textContent = text; }

  function markSaved(row) {
    boxes(row).forEach(function (box) { box.defaultChecked = box.checked; });
    row.dataset.assessed = "1";
    var badge = row.querySelector("legend .badge.pending");
    if (badge) badge.remove();
    showErrors(row, []);
    status(row, bar.dataset.saved);
  }

  // One request for a few rows: resolves to the rows still unsaved after it.
  function send(batch, retried) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    data.append("form-TOTAL_FORMS", batch.length);
    data.append("form-INITIAL_FORMS", batch.length);
    batch.forEach(function (row, i) {
      data.append("form-" + i + "-household", row.dataset.household);
      boxes(row).forEach(function (box) {
        if (box.checked) data.append("form-" + i + "-" + flag(box), "on");
      });
      status(row, bar.dataset.saving);
    });
    return fetch(form.dataset.rowsSave, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      redirect: "error", // an expired session answers with the login page: not a save
    }).then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("json") >= 0;
      if (!json) throw new Error(String(response.status));
      return response.json().then(function (answer) {
        if (response.ok) {
          batch.forEach(markSaved);
          return [];
        }
        var refused = batch.filter(function (row) { return answer.errors[row.dataset.household]; });
        batch.forEach(function (row) {
          showErrors(row, answer.errors[row.dataset.household] || []);
          status(row, "");
        });
        if (!refused.length) {
          var whole = new Error(answer.message); // the page itself is out of date
          whole.fromServer = true;
          throw whole;
        }
        // The batch was refused for some lines only: the others are sent again alone.
        var others = batch.filter(function (row) { return refused.indexOf(row) < 0; });
        return (others.length && !retried ? send(others, true) : Promise.resolve(others))
          .then(function (left) { return refused.concat(left); });
      });
    }).catch(function (error) {
      batch.forEach(function (row) { status(row, ""); });
      barError.textContent = error.fromServer ? error.message : bar.dataset.failed;
      return batch;
    }).then(function (left) {
      writeDraft();
      refresh();
      return left;
    });
  }

  function saveAll() {
    var todo = rows.filter(unsaved);
    var button = bar.querySelector("button");
    button.disabled = true;
    barError.textContent = "";
    var chain = Promise.resolve();
    for (var i = 0; i < todo.length; i += BATCH) {
      (function (batch) { chain = chain.then(function () { return send(batch); }); })(
        todo.slice(i, i + BATCH)
      );
    }
    return chain.then(function () {
      button.disabled = false;
      var wrong = form.querySelector("fieldset.has-error");
      if (wrong) wrong.scrollIntoView({ block: "center" });
    });
  }

  var draft = readDraft();
  rows.forEach(function (row) {
    var kept = draft[row.dataset.household];
    if (kept) {
      boxes(row).forEach(function (box) {
        if (flag(box) in kept) box.checked = kept[flag(box)];
      });
    }
    row.querySelector("[data-row-save]").addEventListener("click", function () {
      barError.textContent = "";
      send([row]);
    });
    row.addEventListener("change", function () {
      status(row, "");
      writeDraft();
      refresh();
    });
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    saveAll();
  });
  refresh();
})();
