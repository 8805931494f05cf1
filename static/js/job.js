/* A job's page while the server works: ask for its status every two seconds and show its
 * progress; once it has finished, load the page again, which then shows the result or
 * the error, or goes on to the page the work leads to. Without JavaScript the page
 * reloads itself (a <noscript> refresh) to the same effect.
 */
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || box.dataset.state === "done" || box.dataset.state === "failed") return;
  var message = box.querySelector("[data-job-message]");
  var failures = 0;

  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (status) {
        failures = 0;
        if (status.finished) {
          window.location.reload();
          return;
        }
        if (status.progress) message.textContent = status.progress;
        window.setTimeout(poll, 2000);
      })
      .catch(function () {
        // A weak line drops a request now and then: keep asking, a little more slowly.
        failures += 1;
        window.setTimeout(poll, Math.min(2000 * (failures + 1), 15000));
      });
  }
  window.setTimeout(poll, 1000);
})();
