// After a file is downloaded, offer the short evaluation on the same page.
// Without JavaScript the server shows the form once the session holds a download.
document.addEventListener("DOMContentLoaded", function () {
  var section = document.querySelector("[data-offer-after-download]");
  if (!section) return;
  document.querySelectorAll("a[data-download]").forEach(function (link) {
    link.addEventListener("click", function () {
      window.setTimeout(function () {
        section.hidden = false;
        section.focus();
      }, 600);
    });
  });
});
