// Prints every figure of bench/compare: ours, upstream, the ratio (ours ÷ upstream) and the goal.
const MiB = 2 ** 20;

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
const median = (values) => quantile(values, 0.5);
const p90 = (values) => quantile(values, 0.9);

/** Slope of the least-squares line through (x, y): bytes per thread when x counts threads. */
function leastSquaresSlope(xs, ys) {
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / ys.length;
  const covariance = xs.reduce((sum, x, index) => sum + (x - meanX) * (ys[index] - meanY), 0);
  const variance = xs.reduce((sum, x) => sum + (x - meanX) ** 2, 0);
  return covariance / variance;
}

const ms = (value) => `${value.toFixed(1)} ms`;
const mib = (bytes) => `${(bytes / MiB).toFixed(1)} MiB`;
const rate = (value) => `${value.toFixed(1)}/s`;

export function printReport(figures, setup, loadAverages = {}) {
  const rows = [];
  let loadKey;
  const loadText = () => {
    const range = loadAverages[loadKey];
    return range ? `${range[0].toFixed(1)}–${range[1].toFixed(1)}` : "";
  };
  const row = (figure, ours, upstream, format, goal, met) => {
    rows.push([figure, format(ours), format(upstream), `${(ours / upstream).toFixed(3)}`, goal, met === undefined ? "" : met ? "met" : "NOT met", loadText()]);
  };
  for (const scenario of ["plain", "tool"]) {
    loadKey = scenario;
    const total = figures[`${scenario}.total`];
    const first = figures[`${scenario}.firstCompleted`];
    const goal = scenario === "tool" ? "ratio ≤ 0.05 (≥ 20× faster)" : "—";
    const met = scenario === "tool" ? median(total.ours) / median(total.upstream) <= 0.05 : undefined;
    row(`${scenario} turn, median`, median(total.ours), median(total.upstream), ms, goal, met);
    row(`${scenario} turn, p90`, p90(total.ours), p90(total.upstream), ms, "—");
    row(`${scenario} turn, first item.completed (median)`, median(first.ours), median(first.upstream), ms, "—");
  }
  for (const count of [8, 32]) {
    loadKey = `load${count}`;
    const tps = figures[`load${count}.turnsPerSecond`];
    const goal = count === 32 ? "ratio ≥ 15" : "—";
    const met = count === 32 ? median(tps.ours) / median(tps.upstream) >= 15 : undefined;
    row(`tool turns/s, ${count} threads (median)`, median(tps.ours), median(tps.upstream), rate, goal, met);
  }
  loadKey = "load32";
  row("PSS peak while 32 threads run (median)", median(figures["load32.peakPss"].ours), median(figures["load32.peakPss"].upstream), mib, "—");
  loadKey = "load8";
  row("PSS peak while 8 threads run (median)", median(figures["load8.peakPss"].ours), median(figures["load8.peakPss"].upstream), mib, "—");
  // Idle memory is sampled twice per child (bench/compare/child.mjs): 1 s after its turns, and
  // after BENCH_SETTLE_MS of idleness and a second full GC. The goals are judged on the second
  // sample, a process that is idle; the first shows what V8 still holds from the turns (its young
  // generation grows while they run and is shrunk only by a GC at a low allocation rate).
  const perThreadMib = (bytes) => `${(bytes / MiB).toFixed(3)} MiB`;
  const counts = [1, 8, 64];
  for (const [suffix, label, judged] of [["", "idle 6 s", true], [".fresh", "1 s after the turns", false]]) {
    const key = (count) => `idle${count}${suffix}`;
    if (!figures[key(1)]) continue;
    const at = (count) => ({ ours: median(figures[key(count)].ours), upstream: median(figures[key(count)].upstream) });
    for (const count of counts) {
      loadKey = `idle${count}`;
      const value = at(count);
      const goal = judged && count === 1 ? "ours ≤ upstream + 10 MiB" : "—";
      row(`PSS, ${count} idle thread(s), ${label}`, value.ours, value.upstream, mib, goal, judged && count === 1 ? value.ours <= value.upstream + 10 * MiB : undefined);
    }
    // Per further idle thread: a slope, (median at 64 threads - median at 1) / 63, not a ratio of
    // two processes; the least-squares slope over 1, 8 and 64 threads damps glibc's malloc noise.
    const one = at(1);
    const many = at(64);
    const perThread = { ours: (many.ours - one.ours) / 63, upstream: (many.upstream - one.upstream) / 63 };
    row(`PSS per further idle thread, ${label}, slope (64 - 1) / 63`, perThread.ours, perThread.upstream, perThreadMib, judged ? "ours ≤ 0.1 MiB" : "—", judged ? perThread.ours <= 0.1 * MiB : undefined);
    const fit = {
      ours: leastSquaresSlope(counts, counts.map((count) => at(count).ours)),
      upstream: leastSquaresSlope(counts, counts.map((count) => at(count).upstream)),
    };
    row(`PSS per further idle thread, ${label}, least-squares slope (1, 8, 64)`, fit.ours, fit.upstream, perThreadMib, "—");
  }
  if (figures["idle1.heapUsed"]) {
    // What the threads themselves retain: the V8 heap in use after a full GC.
    const fitted = (side) => leastSquaresSlope(counts, counts.map((count) => median(figures[`idle${count}.heapUsed`][side])));
    row("V8 heap retained per idle thread, least-squares slope", fitted("ours"), fitted("upstream"), (bytes) => `${(bytes / 1024).toFixed(1)} KiB`, "—");
  }
  loadKey = "coldImport";
  const coldImport = { ours: median(figures.coldImport.ours), upstream: median(figures.coldImport.upstream) };
  row("cold import (median)", coldImport.ours, coldImport.upstream, ms, "ratio ≤ 1.0", coldImport.ours <= coldImport.upstream);
  if (figures.coldImportCpu) row("cold import, CPU time (median)", median(figures.coldImportCpu.ours), median(figures.coldImportCpu.upstream), ms, "—");
  loadKey = "firstTurn";
  const firstTurn = { ours: median(figures.firstTurn.ours), upstream: median(figures.firstTurn.upstream) };
  row("process start → first turn (median)", firstTurn.ours, firstTurn.upstream, ms, "ratio ≤ 0.7", firstTurn.ours / firstTurn.upstream <= 0.7);
  loadKey = undefined;
  row("installed size", setup.ours.installedBytes, setup.upstream.installedBytes, mib, "ours ≤ 15 MiB", setup.ours.installedBytes <= 15 * MiB);

  console.log(`\n@codex-native/sdk ${setup.ours.version} (ours) vs @openai/codex-sdk ${setup.upstream.version} (upstream), installed from tarballs`);
  console.log(`node ${process.version}; ${process.env.BENCH_ROUNDS ?? 3} rounds of A B B A after a warm-up; network namespace with loopback only\n`);
  const header = ["figure", "ours", "upstream", "ours/upstream", "goal", "", "load avg"];
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((cells) => cells[column].length)));
  for (const cells of [header, ...rows]) console.log(cells.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd());
}
