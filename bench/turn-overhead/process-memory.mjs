// Samples the resident memory of a process and all its descendants from /proc (Linux).
import { readFileSync, readdirSync } from "node:fs";

function childrenOf(pid) {
  try {
    const tasks = readdirSync(`/proc/${pid}/task`);
    return tasks.flatMap((task) => {
      try {
        return readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rss = /VmRSS:\s+(\d+) kB/.exec(status);
    return rss ? Number(rss[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

// PSS splits shared pages (the codex binary's text, mapped by every child) between processes, so
// a tree's PSS total does not double-count them as RSS does.
function pssOf(pid) {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const pss = /^Pss:\s+(\d+) kB/m.exec(rollup);
    return pss ? Number(pss[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Total RSS and PSS of the tree rooted at pid (bytes). */
export function treeMemory(pid) {
  const total = { rss: rssOf(pid), pss: pssOf(pid) };
  for (const child of childrenOf(pid)) {
    const sub = treeMemory(child);
    total.rss += sub.rss;
    total.pss += sub.pss;
  }
  return total;
}

/** Starts sampling every `intervalMs`; `stop()` returns the peaks. */
export function samplePeak(pid, intervalMs = 10) {
  const peak = { rss: 0, pss: 0 };
  const timer = setInterval(() => {
    const now = treeMemory(pid);
    peak.rss = Math.max(peak.rss, now.rss);
    peak.pss = Math.max(peak.pss, now.pss);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
