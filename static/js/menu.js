// Progressive enhancement only: the main menu is a <details> disclosure that works without this
// file. From 48rem wide the whole menu fits, so it is kept open and its "Menu" toggle is hidden;
// below, it starts closed so the page's title shows in the first screen.
(function () {
  "use strict";
  var menu = document.querySelector("[data-main-menu]");
  if (!menu || !window.matchMedia) {
    return;
  }
  var wide = window.matchMedia("(min-width: 48rem)");
  function follow() {
    menu.open = wide.matches;
  }
  follow();
  if (wide.addEventListener) {
    wide.addEventListener("change", follow);
  }
})();
