// Django's filter_horizontal widget (SelectFilter2.js, run on "load") draws its help tooltips as
// <span aria-label>, a name ARIA does not allow on a span without a role: give them role="img".
// This deferred script registers its "load" listener after SelectFilter2's, so it runs after it.
window.addEventListener("load", function () {
  document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (el) {
    el.setAttribute("role", "img");
  });
});
