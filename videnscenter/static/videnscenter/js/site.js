/* Small enhancements for every page; the site works without them.
   - Copy buttons: a button with data-copy="<id of a read-only field>" copies that field's value.
     The buttons start hidden, so a visitor without JavaScript sees only the field, which can be
     selected and copied by hand.
   - Menus (<details class="menu-disclosure">) close on Escape and on a click elsewhere. */
(function () {
  "use strict";

  function copied(button) {
    var status = document.getElementById(button.getAttribute("aria-describedby") || "");
    if (status) { status.textContent = button.getAttribute("data-copied") || ""; }
  }

  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) { return; }
    field.focus();
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { copied(button); }, function () {
        if (document.execCommand("copy")) { copied(button); }
      });
    } else if (document.execCommand("copy")) {
      copied(button);
    }
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });

  function closeMenus(except) {
    document.querySelectorAll("details.menu-disclosure[open]").forEach(function (menu) {
      if (menu !== except) { menu.open = false; }
    });
  }
  document.addEventListener("click", function (event) {
    closeMenus(event.target.closest && event.target.closest("details.menu-disclosure"));
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = document.activeElement && document.activeElement.closest("details.menu-disclosure[open]");
    closeMenus(null);
    if (open) { open.querySelector("summary").focus(); }
  });
})();
