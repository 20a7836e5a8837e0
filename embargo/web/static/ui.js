// embargo analyst UI: keyboard shortcuts. Pages work without this file; it only adds keys.
//   /      focus the quick-screen box
//   j / k  next / previous alert in the queue (Enter opens it, x selects it)
//   t f e  decide: true match, false positive, escalate (the note is required: empty, it gets the focus);
//          in the queue, opens the current alert with that decision chosen
(function () {
  "use strict";

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  // Queue: one current row, moved with j/k.
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.queue tr.row"));
  var current = -1;
  function move(step) {
    if (!rows.length) return;
    if (current >= 0) rows[current].classList.remove("current");
    current = Math.max(0, Math.min(rows.length - 1, current + step));
    var row = rows[current];
    row.classList.add("current");
    var link = row.querySelector("a.open-alert");
    if (link) link.focus();
    row.scrollIntoView({ block: "nearest" });
  }
  var all = document.getElementById("select-all");
  if (all) {
    all.addEventListener("change", function () {
      rows.forEach(function (row) {
        var box = row.querySelector("input[type=checkbox]");
        if (box) box.checked = all.checked;
      });
    });
  }

  // Review: decision buttons chosen by key.
  var form = document.getElementById("decide-form");
  var note = document.getElementById("note");
  var chosen = null;
  function choose(key) {
    var button = form && form.querySelector('button[data-key="' + key + '"]');
    if (!button) return false;
    if (chosen) chosen.classList.remove("chosen");
    chosen = button;
    button.classList.add("chosen");
    if (note && !note.value.trim()) {
      note.focus();
      return true;
    }
    form.requestSubmit(button);
    return true;
  }
  if (note) {
    note.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && chosen && note.value.trim()) {
        event.preventDefault();
        form.requestSubmit(chosen);
      }
    });
  }

  if (form && /^#decide-[tferb]$/.test(window.location.hash)) {
    choose(window.location.hash.slice(-1));
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var handled = false;
    if (event.key === "/") {
      var box = document.getElementById("s-q") || document.getElementById("quick-q");
      if (box) { box.focus(); box.select(); handled = true; }
    } else if (event.key === "j") { move(1); handled = rows.length > 0; }
    else if (event.key === "k") { move(-1); handled = rows.length > 0; }
    else if (event.key === "x" && current >= 0) {
      var check = rows[current].querySelector("input[type=checkbox]");
      if (check) { check.checked = !check.checked; handled = true; }
    } else if ("tferb".indexOf(event.key) >= 0 && event.key.length === 1) {
      if (form) {
        handled = choose(event.key);
      } else if (current >= 0) {
        var open = rows[current].querySelector("a.open-alert");
        if (open) { window.location.href = open.href + "#decide-" + event.key; handled = true; }
      }
    }
    if (handled) event.preventDefault();
  });
})();

// Queue by case (issue 23, point 2): "select all" selects the cases shown too (a case's box covers its alerts).
(function () {
  "use strict";
  var all = document.getElementById("select-all");
  if (!all) return;
  all.addEventListener("change", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.queue input.case-check"), function (box) {
      box.checked = all.checked;
    });
  });
})();

// Jobs of the administration pages (issue 23 point 6): a monitoring run, a list update. While one runs, its
// status is polled every second and shown; the page is loaded again when it ends, to show the result.
// Without this script each page has a Refresh link.
function followJob(boxId, show) {
  "use strict";
  var box = document.getElementById(boxId);
  if (!box || box.getAttribute("data-running") !== "yes") return;
  var url = box.getAttribute("data-status");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (!job) return;
        if (!job.running) { window.location.reload(); return; }
        show(job);
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
}

followJob("monitor-job", function (job) {
  "use strict";
  var bar = document.getElementById("monitor-progress");
  var text = document.getElementById("monitor-progress-text");
  if (job.total && bar) { bar.max = job.total; bar.value = job.done; }
  if (job.total && text) {
    text.textContent = "Running since " + String(job.started_at).slice(0, 19) + " (started by " + job.actor +
      "): " + job.done + " of " + job.total + " customers screened.";
  }
});

followJob("list-job", function (job) {
  "use strict";
  var text = document.getElementById("list-progress-text");
  if (text && job.list) {
    text.textContent = "Updating since " + String(job.started_at).slice(0, 19) + " (started by " + job.actor +
      ", from " + (job.source || "the publishers") + "): reading " + job.list + ", " +
      Number(job.count).toLocaleString("en") + " entries so far.";
  }
});
