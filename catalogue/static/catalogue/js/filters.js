// On a phone the filter form would push the results below the fold: start it folded,
// unless the person has already filtered. Without JavaScript it simply stays open.
document.addEventListener("DOMContentLoaded", () => {
  const panel = document.querySelector(".filter-panel[data-collapse-on-small-screens='yes']");
  if (panel && window.matchMedia("(max-width: 54rem)").matches) {
    panel.open = false;
  }
});
