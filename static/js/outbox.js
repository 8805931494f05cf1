/* The outbox: saves made without signal, kept on the phone (IndexedDB) until sent.
 *
 * Shared by the pages (static/js/offline.js) and the service worker (/sw.js),
 * which queues a save whose sending failed on the way. An entry is
 * { key, url, fields: [[name, value], ...], at, tried, state, title, user };
 * `key` is the form's save_key, so a save is queued once however often it fails.
 */
(function (scope) {
  "use strict";
  var NAME = "tocdp", STORE = "outbox";

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "key" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  // Runs `work` on the store; resolves with its request's result once the transaction is
  // written, so a caller never reports "kept" before it is on disk.
  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var request = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(request.result); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  scope.tocdpOutbox = {
    put: function (entry) { return run("readwrite", function (s) { return s.put(entry); }); },
    remove: function (key) { return run("readwrite", function (s) { return s.delete(key); }); },
    all: function () { return run("readonly", function (s) { return s.getAll(); }); },
  };
})(self);
