// Token counts of texts.json in each encoding, as OpenAI's tiktoken computes them.
import { get_encoding } from "tiktoken";
import { readFileSync, writeFileSync } from "node:fs";

const texts = JSON.parse(readFileSync(new URL("./texts.json", import.meta.url)));
const out = { generator: "tiktoken (npm) " + JSON.parse(readFileSync(new URL("./node_modules/tiktoken/package.json", import.meta.url))).version, cases: [] };
const encs = ["cl100k_base", "o200k_base"].map((n) => [n, get_encoding(n)]);
for (const text of texts) {
  const c = { text };
  // encode_ordinary: special-token strings count as plain text, like countTokensOrdinary.
  for (const [name, enc] of encs) c[name] = enc.encode_ordinary(text).length;
  out.cases.push(c);
}
encs.forEach(([, enc]) => enc.free());
const dest = process.argv[2] ?? "../../guard-workers/src/test/resources/tokens/tiktoken-golden.json";
writeFileSync(dest, JSON.stringify(out, null, 1) + "\n");
console.log(`${out.cases.length} texts written to ${dest}`);
