// Live preview of a draft decision: after the reviewer stops typing, the edit form is submitted to
// the preview frame (the "Xem trước" button's target), so the PDF shows the unsaved text.
(function () {
  const form = document.getElementById("decision-edit-form");
  const button = document.getElementById("preview-decision");
  if (!form || !button) return;
  let timer = null;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(() => form.requestSubmit(button), 900);
  };
  form.addEventListener("input", refresh);
  form.addEventListener("change", refresh);
})();
