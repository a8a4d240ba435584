// Quick exit: GOV.UK "Exit this page" behaviour.
// https://design-system.service.gov.uk/components/exit-this-page/
// Shift pressed three times within five seconds leaves the page; so does
// the button, by click, Enter or Space. The page is hidden at once so nothing stays on screen while
// the next site loads, and location.replace() keeps this page out of the
// tab's back history (it does not, and cannot, erase browser history).
(function () {
  "use strict";
  var root = document.querySelector("[data-quick-exit]");
  if (!root) return;
  var button = root.querySelector(".quick-exit__button");
  var status = root.querySelector("[data-quick-exit-status]");
  var presses = 0;
  var timer = null;

  function reset() {
    presses = 0;
    if (timer) clearTimeout(timer);
    timer = null;
  }

  function exit(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add("quick-exit-leaving");
    document.title = root.getAttribute("data-loading");
    window.location.replace(button.href);
  }

  button.addEventListener("click", exit);
  // A link answers Enter only; as a role="button" it must answer Space too (as GOV.UK's buttons do).
  button.addEventListener("keydown", function (event) {
    if (event.key === " " || event.key === "Spacebar") exit(event);
  });

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      reset();
      return;
    }
    presses += 1;
    status.textContent = root.getAttribute("data-pressed").replace("{count}", String(presses));
    if (timer) clearTimeout(timer);
    timer = setTimeout(reset, 5000);
    if (presses >= 3) exit();
  });

  // Coming back through the back/forward cache: show the page again.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("quick-exit-leaving");
    reset();
  });
})();
