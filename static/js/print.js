// The report's "Print" button (a script of its own: the Content-Security-Policy runs no inline handler).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
