// Site-wide behaviour, loaded on every page (no inline scripts, so a strict CSP holds).
document.addEventListener("DOMContentLoaded", () => {
  // Auto-submit filter forms when a select changes.
  document.querySelectorAll("form[data-autosubmit] select").forEach((el) => {
    el.addEventListener("change", () => el.form.requestSubmit());
  });
  // Confirm dangerous actions: <button data-confirm="...">.
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (event) => {
      if (!window.confirm(el.dataset.confirm)) event.preventDefault();
    });
  });
  // Date fields (dosonthidua.widgets.DateInput): what is typed stays as typed (the server reads
  // every accepted format and answers a wrong date in Vietnamese); a button in the format hint opens
  // a calendar (vanillajs-datepicker, inline) whose pick is written into the field as dd/mm/yyyy.
  if (window.Datepicker) {
    document.querySelectorAll("input[data-datepicker]").forEach((input) => {
      const hint = document.getElementById(`${input.id}_format`);
      if (!hint) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-link btn-sm p-0 ms-2 align-baseline";
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", `${input.id}_calendar`);
      button.innerHTML = '<i class="bi bi-calendar3" aria-hidden="true"></i> Chọn trên lịch';
      const holder = document.createElement("div");
      holder.id = `${input.id}_calendar`;
      holder.className = "portal-calendar";
      holder.hidden = true;
      hint.after(button);
      hint.parentElement.after(holder);
      const picker = new Datepicker(holder, { language: "vi", format: "dd/mm/yyyy", weekStart: 1, todayHighlight: true });
      let syncing = false;
      const show = (open) => {
        holder.hidden = !open;
        button.setAttribute("aria-expanded", String(open));
      };
      button.addEventListener("click", () => {
        if (holder.hidden) {
          syncing = true;
          let typed;
          try {
            typed = input.value ? Datepicker.parseDate(input.value, "dd/mm/yyyy") : undefined;
          } catch (error) {
            typed = undefined;
          }
          if (typed) picker.setDate(typed);
          syncing = false;
        }
        show(holder.hidden);
      });
      holder.addEventListener("changeDate", (event) => {
        if (syncing || !event.detail.date) return;
        input.value = Datepicker.formatDate(event.detail.date, "dd/mm/yyyy");
        input.dispatchEvent(new Event("change", { bubbles: true }));
        show(false);
        input.focus();
      });
      holder.addEventListener("keydown", (event) => {
        if (event.key === "Escape") {
          show(false);
          button.focus();
        }
      });
    });
  }
  // Lists of checkboxes to pick several rows from (<input type=checkbox data-bulk>, e.g. a form's
  // nominations): a "Chọn tất cả" box is put before each group of two or more.
  const groups = new Map();
  document.querySelectorAll("input[type=checkbox][data-bulk]").forEach((box) => {
    if (!groups.has(box.name)) groups.set(box.name, []);
    groups.get(box.name).push(box);
  });
  groups.forEach((boxes, name) => {
    if (boxes.length < 2 || document.querySelector(`[data-select-all="${name}"]`)) return;
    const wrap = document.createElement("div");
    wrap.className = "form-check mb-1";
    const master = document.createElement("input");
    master.type = "checkbox";
    master.className = "form-check-input";
    master.id = `select-all-${name}`;
    master.dataset.selectAll = name;
    const label = document.createElement("label");
    label.className = "form-check-label fw-semibold";
    label.htmlFor = master.id;
    label.textContent = "Chọn tất cả";
    wrap.append(master, label);
    (boxes[0].closest(".form-check") || boxes[0]).before(wrap);
  });
  // "Select all" checkboxes for bulk actions: <input type=checkbox data-select-all="name">, limited
  // to the boxes inside one element with data-select-scope="<selector>"; it shows whether all, some
  // (indeterminate) or none of its boxes are ticked.
  document.querySelectorAll("[data-select-all]").forEach((master) => {
    const root = (master.dataset.selectScope && document.querySelector(master.dataset.selectScope)) || document;
    const boxes = () => root.querySelectorAll(`input[type=checkbox][name="${master.dataset.selectAll}"]`);
    const sync = () => {
      const all = [...boxes()];
      const ticked = all.filter((box) => box.checked).length;
      master.checked = ticked > 0 && ticked === all.length;
      master.indeterminate = ticked > 0 && ticked < all.length;
    };
    master.addEventListener("change", () => {
      boxes().forEach((box) => {
        box.checked = master.checked;
      });
    });
    boxes().forEach((box) => box.addEventListener("change", sync));
    sync();
  });
  // Print buttons: <button type=button data-print>.
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
});
document.body.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("[name=csrfmiddlewaretoken]");
  if (token) event.detail.headers["X-CSRFToken"] = token.value;
});
