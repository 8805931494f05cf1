{% load i18n static %}/* The service worker: the recording pages open and fill with no signal, and a save
 * whose sending fails is kept on the phone (static/js/outbox.js) until it can be sent.
 *
 * - Static files: cache first (their names change with their content in production).
 * - Pages of recording (the month's groups, meeting forms, programmes, the petition
 *   form): network first, kept on each visit, the kept copy when there is no signal.
 *   Other pages are never kept: they may hold personal data.
 * - A form sent without signal (or with no answer in time) goes to the outbox, and the
 *   phone is sent back to the form, which shows it waiting ("chờ gửi").
 */
"use strict";
var CONFIG = {{ config|safe }};  // from apps/core/views.py: URLs of this deployment
var STATIC_CACHE = "static-" + CONFIG.version;
var PAGES_CACHE = "pages";  // also cleared on logout (static/js/offline.js)
var ASSETS = CONFIG.assets;
var PAGES = CONFIG.pages;  // kept on visit...
var PAGE_FOLDERS = CONFIG.page_folders;  // ...and every page under these
var HOME = CONFIG.home;
var LOGIN = CONFIG.login;
var STATIC_PREFIX = "{% get_static_prefix %}";
var SAVE_TIMEOUT = 25000;  // a save with no answer by then is queued (the queue's copy is keyed)
var PAGE_TIMEOUT = 8000;   // weak signal: show the kept page rather than a blank screen

importScripts(ASSETS.filter(function (url) { return /outbox\.js$/.test(url); })[0]);

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE)
      .then(function (cache) { return cache.addAll(ASSETS); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("static-") === 0 && name !== STATIC_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function within(promise, ms) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error("timeout")); }, ms);
    promise.then(function (value) { clearTimeout(timer); resolve(value); },
                 function (error) { clearTimeout(timer); reject(error); });
  });
}

function kept(path) {
  return PAGES.indexOf(path) >= 0 ||
    PAGE_FOLDERS.some(function (folder) { return path.indexOf(folder) === 0; });
}

function offlinePage() {
  var html = '<!DOCTYPE html><html lang="vi"><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    "<title>{{ _('No signal')|escapejs }}</title>" +
    '<body style="font-family:sans-serif;padding:1rem"><h1>{{ _('No signal')|escapejs }}</h1>' +
    "<p>{{ _('This page has not been opened on this phone before, so it cannot be shown without signal. Pages of recording that you have opened can.')|escapejs }}</p>" +
    '<p><a href="' + PAGES[0] + '">{{ _('My groups this month')|escapejs }}</a></p>';
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

function staticFile(request) {
  return caches.match(request).then(function (hit) {
    return hit || fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(STATIC_CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    });
  });
}

function page(request, url) {
  var network = fetch(request).then(function (response) {
    // Only the signed-in page itself: redirects (to the login page) are not kept.
    if (kept(url.pathname) && response.ok && response.type === "basic") {
      var copy = response.clone();
      caches.open(PAGES_CACHE).then(function (cache) { cache.put(request.url, copy); });
    }
    return response;
  });
  return within(network, PAGE_TIMEOUT).catch(function () {
    return caches.open(PAGES_CACHE).then(function (cache) {
      // The start page ("/") is a redirect, never kept: the month's groups stand for it.
      var path = url.pathname === HOME ? PAGES[0] : request.url;
      return cache.match(path).then(function (hit) {
        return hit || cache.match(path, { ignoreSearch: true });
      });
    }).then(function (hit) {
      return hit || network.catch(offlinePage);
    });
  });
}

function saveOrQueue(request) {
  var copy = request.clone();
  return within(fetch(request), SAVE_TIMEOUT).catch(function () {
    return copy.formData().then(function (data) {
      if (!data.get("save_key")) return offlinePage();  // a form that cannot be queued
      var fields = [];
      data.forEach(function (value, name) { if (typeof value === "string") fields.push([name, value]); });
      var key = data.get("save_key");
      return self.tocdpOutbox.all().then(function (entries) {
        var earlier = entries.filter(function (e) { return e.key === key; })[0] || {};
        return self.tocdpOutbox.put({
          key: key, url: request.url, fields: fields, at: earlier.at || Date.now(),
          tried: Date.now(), state: "waiting", title: earlier.title, user: earlier.user,
        });
      }).then(function () { return Response.redirect(request.url, 303); });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== location.origin) return;
  if (request.method === "POST" && request.mode === "navigate") {
    event.respondWith(saveOrQueue(request));
  } else if (request.method !== "GET") {
    return;
  } else if (url.pathname.indexOf(STATIC_PREFIX) === 0) {
    event.respondWith(staticFile(request));
  } else if (request.mode === "navigate" && url.pathname !== LOGIN) {
    event.respondWith(page(request, url));
  }
});
