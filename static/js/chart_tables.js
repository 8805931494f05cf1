/* "Show the numbers" under each chart: the first time it is opened, the table of the
 * chart's numbers is fetched from its page and shown in place. Without this script
 * (or if the fetch fails) the link to that page stays, and the numbers are one tap away.
 */
(function () {
  "use strict";
  if (!window.fetch || !window.DOMParser) return;
  document.querySelectorAll("details[data-table]").forEach(function (details) {
    details.addEventListener("toggle", function () {
      if (!details.open || details.dataset.loaded) return;
      details.dataset.loaded = "1";
      fetch(details.dataset.table, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var table = page.querySelector("table.chart-numbers");
          if (!table) throw new Error("no table");
          var wrapper = document.createElement("div");
          wrapper.className = "scroll-x";
          wrapper.appendChild(document.importNode(table, true));
          details.querySelector("[data-table-link]").replaceWith(wrapper);
        })
        .catch(function () {
          delete details.dataset.loaded; // the link stays; opening again tries again
        });
    });
  });
})();
