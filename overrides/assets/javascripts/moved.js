/*
 * A page left at a former address (overrides/library/moved.html): open the page's
 * address now, with the query string and fragment of the address the reader came
 * by, so a filtered view shared before (/fr/library/?q=anxiete#results) still opens.
 * The target is the page's own data (data-rl-moved on <html>), relative to it.
 */
(function () {
  "use strict";
  var target = document.documentElement.getAttribute("data-rl-moved");
  if (!target) {
    return;
  }
  var url = new URL(target, window.location.href);
  if (url.origin !== window.location.origin) {
    return;
  }
  if (window.location.search) {
    url.search = window.location.search;
  }
  if (window.location.hash) {
    url.hash = window.location.hash;
  }
  window.location.replace(url.href);
})();
