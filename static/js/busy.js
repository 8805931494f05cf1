/* Long steps (checking or importing a large roster) take up to a minute on a weak line.
 * A form marked data-busy="<message>" says so once submitted, and its buttons are
 * disabled so that a second tap does not send the file twice.
 */
(function () {
  "use strict";
  document.querySelectorAll("form[data-busy]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) {
        event.preventDefault();
        return;
      }
      form.dataset.sent = "1";
      var status = form.querySelector("[data-busy-status]");
      if (status) status.textContent = form.dataset.busy;
      form.setAttribute("aria-busy", "true");
      // Disabled after the browser has collected the form data, which keeps the
      // pressed button's name (Discard) in what is sent.
      window.setTimeout(function () {
        form.querySelectorAll("button").forEach(function (button) {
          button.disabled = true;
          if (button === event.submitter) button.textContent += " …";
        });
      }, 0);
    });
  });
})();
