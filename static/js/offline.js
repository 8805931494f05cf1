/* Recording without signal: the service worker, and the outbox on the page.
 *
 * - Registers the service worker (/sw.js), which keeps the pages of recording for use
 *   without signal and queues a save that fails on the way (static/js/outbox.js).
 * - A form with a save_key submitted while the phone knows it is offline is queued
 *   here at once, without leaving the page.
 * - Queued saves are listed at the top of every page ("chờ gửi" and since when) and sent
 *   when the signal returns, every 30 s while any wait, and from the "Gửi lại" button.
 * - A queued save is sent through the form's own page, so the server checks it like any
 *   save (scope, validation, the meeting's version); the save_key makes a repeat harmless.
 *   If the server refuses it, the form is posted again for real, so that the server's
 *   message and everything typed are shown on it.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if ("serviceWorker" in navigator && script) {
    navigator.serviceWorker.register(script.dataset.sw).catch(function () {});
  }
  var panel = document.getElementById("outbox");
  var outbox = window.tocdpOutbox;
  if (!panel || !outbox || !window.indexedDB) return;  // signed out, or an old browser
  var text = panel.dataset;
  var RETRY = 30000, TIMEOUT = 25000;
  var form = document.querySelector("form[data-draft]");
  var formKey = form && form.elements.save_key ? form.elements.save_key.value : null;
  var entries = [];
  var sending = false;

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  function savedKeys() { return cookie("saved_drafts").split("."); }

  function bare(key) { return String(key).replace(/-/g, ""); }

  function onItsForm(entry) {
    return form && new URL(entry.url).pathname === location.pathname &&
      form.elements.save_key && bare(form.elements.save_key.value) === bare(entry.key);
  }

  function time(ms) {
    return new Date(ms).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" });
  }

  function render(notice) {
    var list = panel.querySelector("ul");
    list.textContent = "";
    entries.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.state === "login"
        ? text.login + "?next=" + encodeURIComponent(new URL(entry.url).pathname) : entry.url;
      link.textContent = entry.title || text.untitled;
      item.appendChild(link);
      var state = entry.state === "login" ? text.loginNeeded
        : entry.state === "refused" ? text.refused : text.waiting.replace("{time}", time(entry.at));
      item.appendChild(document.createTextNode(" — " + state));
      item.className = "state-" + (entry.state || "waiting");
      list.appendChild(item);
    });
    if (notice) {
      var done = document.createElement("li");
      done.className = "sent";
      done.textContent = notice;
      list.appendChild(done);
    }
    panel.querySelector("[data-send]").hidden = !entries.length;
    panel.hidden = !entries.length && !notice;
  }

  // Only this user's saves: a phone may be shared, and the server would take a save as
  // the work of whoever is signed in.
  function load() {
    return outbox.all().then(function (all) {
      var saved = savedKeys();
      var work = [];
      entries = all.filter(function (entry) {
        if (!entry.user) {  // queued by the service worker, which does not know the user
          entry.user = text.user;
          if (onItsForm(entry)) entry.title = document.title;
          work.push(outbox.put(entry));
        }
        if (entry.user !== text.user) return false;
        // Confirmed by the server (on the way or since), or answered on this very form.
        var answered = form && form.hasAttribute("data-bound") && onItsForm(entry);
        if (saved.indexOf(bare(entry.key)) >= 0 || answered) {
          work.push(outbox.remove(entry.key));
          return false;
        }
        return true;
      });
      return Promise.all(work);
    }).then(function () { render(); });
  }

  function fieldsOf(entry) {
    // On its own form, send what is typed now: the user may have gone on typing.
    var fields = onItsForm(entry)
      ? Array.from(new FormData(form).entries()) : entry.fields.slice();
    var token = cookie("csrftoken");  // the token of the queued copy may predate a login
    return fields.map(function (pair) {
      return pair[0] === "csrfmiddlewaretoken" && token ? [pair[0], token] : pair;
    });
  }

  function within(promise, ms) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () { reject(new Error("timeout")); }, ms);
      promise.then(resolve, reject).finally(function () { clearTimeout(timer); });
    });
  }

  // The server's answer is shown on the form itself: post it for real. A refused save
  // writes nothing, so posting it again is harmless.
  function showAnswer() {
    var token = cookie("csrftoken");
    if (token && form.elements.csrfmiddlewaretoken) form.elements.csrfmiddlewaretoken.value = token;
    form.submit();
  }

  function send(entry) {
    var body = new URLSearchParams(fieldsOf(entry));
    var request = fetch(entry.url, { method: "POST", body: body, credentials: "same-origin" });
    return within(request, TIMEOUT).then(function (response) {
      var landed = new URL(response.url);
      if (savedKeys().indexOf(bare(entry.key)) >= 0) {
        localStorage.removeItem("draft:" + new URL(entry.url).pathname);
        return outbox.remove(entry.key).then(function () {
          if (onItsForm(entry)) location.replace(response.url);
          return "sent";
        });
      }
      entry.state = landed.pathname === text.login ? "login" : "refused";
      // The form came back refused (invalid, or a conflict): show it, typed text and all.
      var formAgain = response.ok && landed.pathname === new URL(entry.url).pathname;
      return outbox.put(entry).then(function () {
        if (entry.state === "refused" && formAgain && onItsForm(entry)) showAnswer();
      });
    }, function () {
      entry.tried = Date.now();
      return outbox.put(entry);  // still no signal: it waits
    });
  }

  // Refused saves wait for the user (they are shown on their form), unless asked again.
  function sendAll(all) {
    if (sending || !entries.length) return Promise.resolve();
    sending = true;
    var sent = false;
    var due = entries.filter(function (e) { return all || e.state !== "refused"; });
    return due.reduce(function (chain, entry) {
      return chain.then(function () {
        return send(entry).then(function (result) { sent = sent || result === "sent"; });
      });
    }, Promise.resolve()).then(function () {
      sending = false;
      return load().then(function () { if (sent) render(text.sent); });
    }, function () { sending = false; });
  }

  // Without signal the browser would show its own error page: keep the save here instead.
  if (form && form.elements.save_key) {
    form.addEventListener("submit", function (event) {
      if (navigator.onLine) return;
      event.preventDefault();
      var earlier = entries.filter(function (e) { return bare(e.key) === bare(formKey); })[0];
      outbox.put({
        key: form.elements.save_key.value, url: location.href.split("#")[0],
        fields: Array.from(new FormData(form).entries()), at: earlier ? earlier.at : Date.now(),
        tried: Date.now(), state: "waiting", title: document.title, user: text.user,
      }).then(load).then(function () { panel.scrollIntoView(); });
    });
  }

  // Logging out with saves still waiting: they stay on the phone, but say so first.
  document.querySelectorAll('form[action="' + text.logout + '"]').forEach(function (logout) {
    logout.addEventListener("submit", function (event) {
      if (entries.length && !window.confirm(text.confirmLogout)) {
        event.preventDefault();
        return;
      }
      // Pages kept for use without signal are this user's: not for the next one.
      if (window.caches) caches.delete("pages");
    });
  });

  panel.querySelector("[data-send]").addEventListener("click", function () { sendAll(true); });
  window.addEventListener("online", function () { sendAll(); });
  setInterval(function () { if (navigator.onLine) sendAll(); }, RETRY);
  load().then(function () {
    var refused = entries.filter(function (e) {
      return e.state === "refused" && !e.shown && onItsForm(e);
    })[0];
    if (refused && navigator.onLine) {
      refused.shown = true;  // once: an answer without the form (an error page) must not loop
      outbox.put(refused).then(showAnswer);
    } else if (navigator.onLine) {
      sendAll();
    }
  });
})();
