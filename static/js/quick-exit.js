// GOV.UK "exit this page": the link works on its own (it erases the visit on the server, then
// leads to a neutral site); this adds Shift pressed 3 times. `location.replace` so the Back
// button does not return to the page being left.
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) {
    return;
  }
  var target = link.href;
  var presses = 0;
  var timer = null;
  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.body.hidden = true;
    window.location.replace(target);
  }
  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) {
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    if (presses >= 3) {
      presses = 0;
      leave();
      return;
    }
    timer = window.setTimeout(function () {
      presses = 0;
    }, 5000);
  });
})();
