// Timing helper: warm up, then repeat until a time budget is spent; report the median run.

/** Median milliseconds of one call of `run`, over at least `minimumRuns` runs or `budgetMs`. */
export function medianMs(run, { budgetMs = 800, minimumRuns = 3 } = {}) {
  run();
  const samples = [];
  const started = performance.now();
  while (samples.length < minimumRuns || performance.now() - started < budgetMs) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
    if (samples.length >= 200) break;
  }
  samples.sort((left, right) => left - right);
  return samples[Math.floor(samples.length / 2)];
}
