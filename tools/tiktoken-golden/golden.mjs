// Token counts of texts.json (and chat prompts of chats.json) in each encoding, as OpenAI's tiktoken computes them.
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
// Chat prompts: tiktoken has no chat API, so each message's parts are encoded with tiktoken and
// combined with OpenAI's documented chat-format formula (cookbook "How to count tokens with tiktoken"):
// 3 per message + role + content, +1 + name when a name is given, +3 to prime the reply.
const chats = JSON.parse(readFileSync(new URL("./chats.json", import.meta.url)));
out.chat_formula = "3 + sum over messages of (3 + tokens(role) + tokens(content) + (name ? 1 + tokens(name) : 0))";
out.chat_cases = [];
for (const messages of chats) {
  const c = { messages };
  for (const [name, enc] of encs) {
    const n = (s) => enc.encode_ordinary(s).length;
    c[name] = 3 + messages.reduce((sum, m) => sum + 3 + n(m.role) + n(m.content) + (m.name !== undefined ? 1 + n(m.name) : 0), 0);
  }
  out.chat_cases.push(c);
}
encs.forEach(([, enc]) => enc.free());
const dest = process.argv[2] ?? "../../guard-workers/src/test/resources/tokens/tiktoken-golden.json";
writeFileSync(dest, JSON.stringify(out, null, 1) + "\n");
console.log(`${out.cases.length} texts and ${out.chat_cases.length} chats written to ${dest}`);
