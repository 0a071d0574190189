// Progressive enhancement of components/time_limit.html: two minutes before the answers are
// erased, the alert says so (screen readers announce it); the button to keep them is already there.
(function () {
  "use strict";
  var box = document.querySelector("[data-time-limit]");
  if (!box) {
    return;
  }
  var warning = box.querySelector("[data-time-limit-warning]");
  var expires = Number(box.getAttribute("data-expires")) * 1000;
  var before = Number(box.getAttribute("data-warning")) * 1000;
  var delay = Math.max(0, expires - before - Date.now());
  window.setTimeout(function () {
    warning.textContent = warning.getAttribute("data-message");
  }, delay);
})();
