// Segment browser and chart switcher. All data is inline (#report-data); nothing is fetched.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("report-data").textContent);
  // Texts are stored once in data.strings and referred to by index.
  const text = (indices) => indices.map((i) => data.strings[i]);
  data.src = text(data.src);
  data.ref = text(data.ref);
  Object.keys(data.hyp).forEach((s) => { data.hyp[s] = text(data.hyp[s]); });
  const byId = (id) => document.getElementById(id);

  const chartMetric = byId("chart-metric");
  if (!chartMetric) return;
  const showCharts = () => document.querySelectorAll(".chart-row").forEach((row) => {
    row.hidden = row.dataset.metric !== chartMetric.value;
  });
  chartMetric.addEventListener("change", showCharts);

  const PAGE = 50;
  const systems = data.systems;
  const firstA = data.baseline || systems[0];  // rows are by score: the baseline against the best other
  const state = {
    metric: data.metrics.includes("chrF") ? "chrF" : data.metrics[0],
    a: firstA, b: systems.find((s) => s !== firstA) || firstA, sort: "a", column: null, best: false, filter: "", diff: true, page: 0,
  };
  chartMetric.value = state.metric;
  showCharts();

  function fill(select, values, chosen) {
    select.innerHTML = values.map((v) => `<option${v === chosen ? " selected" : ""}>${esc(v)}</option>`).join("");
  }
  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // Scores oriented so that larger is better, whatever the metric's direction.
  // A system the metric was unavailable for has no scores: it sorts as a tie.
  const good = (system, i) => {
    const column = data.scores[system][state.metric];
    return column ? (data.higher[state.metric] ? 1 : -1) * column[i] : 0;
  };
  const scoreText = (system, i) => {
    const column = data.scores[system][state.metric];
    return column ? column[i].toFixed(data.decimals[state.metric]) : "–";
  };

  function sortKey() {
    if (state.column) return (i) => (state.best ? -1 : 1) * good(state.column, i);  // worst first; again: best
    switch (state.sort) {
      case "a": return (i) => good(state.a, i);
      case "absdiff": return (i) => -Math.abs(good(state.a, i) - good(state.b, i));
      case "b-better": return (i) => good(state.a, i) - good(state.b, i);
      case "a-better": return (i) => good(state.b, i) - good(state.a, i);
      default: return (i) => i;
    }
  }

  function visibleRows() {
    const needle = state.filter.toLowerCase();
    let rows = [...data.src.keys()];
    if (needle) {
      rows = rows.filter((i) => [data.src[i], data.ref[i], ...systems.map((s) => data.hyp[s][i])]
        .some((text) => text.toLowerCase().includes(needle)));
    }
    const key = sortKey();
    return rows.map((i) => [key(i), i]).sort((x, y) => x[0] - y[0] || x[1] - y[1]).map((pair) => pair[1]);
  }

  // Characters of `hyp` outside a longest common subsequence with `ref` are marked. Matches of one
  // or two characters next to a marked run are marked too: between unrelated words an LCS matches
  // scattered letters, which is noise to a reader.
  function charDiff(hyp, ref) {
    let start = 0;
    while (start < hyp.length && start < ref.length && hyp[start] === ref[start]) start++;
    let end = 0;
    while (end < hyp.length - start && end < ref.length - start &&
           hyp[hyp.length - 1 - end] === ref[ref.length - 1 - end]) end++;
    const a = hyp.slice(start, hyp.length - end), b = ref.slice(start, ref.length - end);
    if (!a.length || a.length * b.length > 4e6) return esc(hyp);  // nothing to mark, or too long to compare
    const w = b.length + 1, table = new Uint16Array((a.length + 1) * w);
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        table[i * w + j] = a[i] === b[j] ? table[(i + 1) * w + j + 1] + 1
          : Math.max(table[(i + 1) * w + j], table[i * w + j + 1]);
      }
    }
    const runs = [];  // [text, marked]
    const add = (ch, marked) => {
      const last = runs[runs.length - 1];
      if (last && last[1] === marked) last[0] += ch; else runs.push([ch, marked]);
    };
    let i = 0, j = 0;
    while (i < a.length) {
      if (j < b.length && a[i] === b[j]) { add(a[i], false); i++; j++; }
      else if (j < b.length && table[i * w + j + 1] >= table[(i + 1) * w + j]) j++;
      else { add(a[i], true); i++; }
    }
    runs.forEach((run, k) => {
      if (!run[1] && run[0].length < 3 && ((runs[k - 1] || [])[1] || (runs[k + 1] || [])[1])) run[1] = true;
    });
    const body = runs.reduce((merged, run) => {
      const last = merged[merged.length - 1];
      if (last && last[1] === run[1]) last[0] += run[0]; else merged.push([run[0], run[1]]);
      return merged;
    }, []).map(([text, marked]) => (marked ? `<ins class="x">${esc(text)}</ins>` : esc(text))).join("");
    return esc(hyp.slice(0, start)) + body + esc(hyp.slice(hyp.length - end));
  }

  window.mtReport = { charDiff };  // for tests

  function header() {
    const cols = systems.map((s) => `<th><button type="button" data-sort="${esc(s)}"` +
      `${state.column === s ? ` class="sorted${state.best ? " best" : ""}"` : ""}` +
      ` title="sort by ${esc(s)}'s score, worst first; click again for best first">${esc(s)}</button></th>`).join("");
    byId("seg-head").innerHTML = `<th class="id"><button type="button" data-sort="#"` +
      `${state.sort === "id" && !state.column ? ' class="sorted"' : ""}>#</button></th><th>source</th><th>reference</th>${cols}`;
  }

  function render() {
    header();
    const rows = visibleRows();
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    const shown = rows.slice(state.page * PAGE, (state.page + 1) * PAGE);
    byId("seg-body").innerHTML = shown.map((i) => {
      const cells = systems.map((s) => {
        const text = state.diff ? charDiff(data.hyp[s][i], data.ref[i]) : esc(data.hyp[s][i]);
        const cls = s === state.a || s === state.b
          ? (good(s, i) > good(s === state.a ? state.b : state.a, i) ? "better"
            : good(s, i) < good(s === state.a ? state.b : state.a, i) ? "worse" : "") : "";
        return `<td class="hyp ${cls}" data-system="${esc(s)}"><span class="s">` +
          `${scoreText(s, i)}</span>${text}</td>`;
      }).join("");
      return `<tr data-id="${i + 1}"><td class="id">${i + 1}</td><td>${esc(data.src[i])}</td>` +
        `<td>${esc(data.ref[i])}</td>${cells}</tr>`;
    }).join("");
    const first = rows.length ? state.page * PAGE + 1 : 0;
    byId("seg-info").textContent = `${first}–${state.page * PAGE + shown.length} of ${rows.length} segments` +
      (rows.length < data.src.length ? ` (filtered from ${data.src.length})` : "");
    byId("prev").disabled = state.page === 0;
    byId("next").disabled = state.page >= pages - 1;
  }

  fill(byId("seg-metric"), data.metrics, state.metric);
  fill(byId("sys-a"), systems, state.a);
  fill(byId("sys-b"), systems, state.b);
  const on = (id, event, update) => byId(id).addEventListener(event, (e) => { update(e.target); state.page = 0; render(); });
  on("seg-metric", "change", (t) => { state.metric = t.value; });
  on("sys-a", "change", (t) => { state.a = t.value; });
  on("sys-b", "change", (t) => { state.b = t.value; });
  on("seg-sort", "change", (t) => { state.sort = t.value; state.column = null; });
  on("seg-filter", "input", (t) => { state.filter = t.value; });
  on("seg-diff", "change", (t) => { state.diff = t.checked; });
  byId("seg-head").addEventListener("click", (e) => {
    const button = e.target.closest("button");
    if (!button) return;
    if (button.dataset.sort === "#") { state.column = null; state.sort = "id"; byId("seg-sort").value = "id"; }
    else {
      state.best = state.column === button.dataset.sort ? !state.best : false;
      state.column = button.dataset.sort;
    }
    state.page = 0;
    render();
  });
  byId("prev").addEventListener("click", () => { state.page--; render(); });
  byId("next").addEventListener("click", () => { state.page++; render(); });
  render();
})();
