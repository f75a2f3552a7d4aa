// Tokenizer throughput: ours (native, through the public TS API) vs the popular JS tokenizers,
// on ~1 MB of mixed text and on many ~100-byte strings, for o200k_base and cl100k_base.
// Usage: npm run bench:tokenizer   (needs the native addon: `npm run build:native`)
import { tsImport } from "tsx/esm/api";
import { ensureBaselines, loadBaselines } from "./baselines.mjs";
import { medianMs } from "./measure.mjs";
import { mixedText, shortStrings } from "./mixed-text.mjs";

const largeText = mixedText(1 << 20);
const smallTexts = shortStrings(5_000, 100);
const largeBytes = Buffer.byteLength(largeText);
const smallBytes = smallTexts.reduce((total, text) => total + Buffer.byteLength(text), 0);

ensureBaselines();
const ours = await tsImport("../../src/tokenizer/tokenizer.ts", import.meta.url);

function throughput(bytes, milliseconds) {
  return bytes / 1e6 / (milliseconds / 1000);
}

function measureAll(tokenizer) {
  const eachSmall = (operation) => () => {
    for (const text of smallTexts) operation(text);
  };
  return {
    largeEncode: throughput(largeBytes, medianMs(() => tokenizer.encode(largeText))),
    largeCount: throughput(largeBytes, medianMs(() => tokenizer.count(largeText))),
    smallEncode: throughput(smallBytes, medianMs(eachSmall(tokenizer.encode))),
    smallCount: throughput(smallBytes, medianMs(eachSmall(tokenizer.count))),
  };
}

function sameIds(left, right) {
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index += 1) if (left[index] !== right[index]) return false;
  return true;
}

const format = (value) => value.toFixed(1).padStart(9);
const ratio = (value) => `${value.toFixed(1)}x`.padStart(8);

console.log(`Node ${process.version}, ${process.platform}-${process.arch}`);
console.log(`large: ${(largeBytes / 1e6).toFixed(2)} MB of mixed text; small: ${smallTexts.length} strings of ~100 bytes`);
console.log("Throughput in MB/s (median run); ratios are ours / baseline (higher is better for us).\n");

for (const encoding of ["o200k_base", "cl100k_base"]) {
  const baselines = await loadBaselines(encoding);
  const native = {
    name: "@codex-native/sdk (native)",
    encode: (text) => ours.tokenizerEncode(text, { encoding }),
    count: (text) => ours.tokenizerCount(text, { encoding }),
  };
  const ourLargeIds = native.encode(largeText);
  const ourSmallCount = smallTexts.reduce((total, text) => total + native.count(text), 0);
  console.log(`== ${encoding} (large text: ${ourLargeIds.length} tokens)`);
  console.log(`${"tokenizer".padEnd(38)}  large enc  large cnt  small enc  small cnt`);
  const ourSpeed = measureAll(native);
  const row = (name, speed) =>
    console.log(
      `${name.padEnd(38)}${format(speed.largeEncode)}  ${format(speed.largeCount)}  ${format(speed.smallEncode)}  ${format(speed.smallCount)}`,
    );
  row(native.name, ourSpeed);
  const summaries = [];
  for (const baseline of baselines) {
    const speed = measureAll(baseline);
    row(baseline.name, speed);
    const largeIdsAgree = sameIds(ourLargeIds, baseline.encode(largeText));
    const smallCount = smallTexts.reduce((total, text) => total + baseline.count(text), 0);
    summaries.push(
      `ours / ${baseline.name}:`.padEnd(48) +
        `${ratio(ourSpeed.largeEncode / speed.largeEncode)} ${ratio(ourSpeed.largeCount / speed.largeCount)} ` +
        `${ratio(ourSpeed.smallEncode / speed.smallEncode)} ${ratio(ourSpeed.smallCount / speed.smallCount)}`,
      `  agreement with ${baseline.name}: large text ids ${largeIdsAgree ? "identical" : "DIFFER"}, ` +
        `small-string token total ${smallCount === ourSmallCount ? `identical (${smallCount})` : `DIFFERS (ours ${ourSmallCount}, theirs ${smallCount})`}`,
    );
  }
  console.log(`\n${"ratios".padEnd(48)}large enc large cnt small enc small cnt`);
  for (const line of summaries) console.log(line);
  console.log("");
}
