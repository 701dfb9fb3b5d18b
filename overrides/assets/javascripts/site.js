/* Keyboard and screen-reader fixes to the theme's header, without changing its files.

   1. The theme's menu button is a <label for="__drawer">: a mouse opens the navigation
      drawer with it, a keyboard cannot reach it, and a label may not take the role of a
      button. It is replaced by a real <button> with the same look and icon, its name
      (data/interface.yml `menu_open`, carried by the skip link) and its state
      (aria-expanded); it toggles the drawer's checkbox as the label did. Escape closes
      the open drawer and gives the focus back to the button. A header that has no such
      label (a real button already) is left alone.
   2. The theme's search panel has role="dialog" without a name: it takes the name of
      its search field. */
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var label = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
  if (toggle && label) {
    var skip = document.querySelector(".rl-skip[data-menu-label]");
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " rl-menu-button";
    button.setAttribute("aria-label", skip ? skip.getAttribute("data-menu-label") : "Menu");
    while (label.firstChild) button.appendChild(label.firstChild);
    label.parentNode.replaceChild(button, label);
    var sync = function () { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); };
    var set = function (open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
      sync();
    };
    sync();
    toggle.addEventListener("change", sync);
    button.addEventListener("click", function () {
      set(!toggle.checked);
      if (toggle.checked) {
        var first = document.querySelector(".md-sidebar--primary a[href]");
        if (first) first.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !toggle.checked) return;
      set(false);
      button.focus();
    });
  }
  var dialog = document.querySelector('.md-search[role="dialog"]');
  if (dialog && !dialog.getAttribute("aria-label") && !dialog.getAttribute("aria-labelledby")) {
    var field = dialog.querySelector("input[aria-label], input[placeholder]");
    if (field) dialog.setAttribute("aria-label", field.getAttribute("aria-label") || field.getAttribute("placeholder"));
  }
})();
