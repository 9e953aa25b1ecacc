// Summarises a V8 .cpuprofile (from `node --cpu-prof`) by self and total time, per function and per package.
//   npx tsx bench/profile/summarise.ts profile.cpuprofile [--top 30] [--filter text] [--last seconds]
// --last keeps only the final seconds of the profile: with bench/lists/run.ts --only, the last row measured.
// "Total" counts a sample once for every distinct function or package on its stack, so nested frames
// are not double-counted.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "30" }, filter: { type: "string" }, last: { type: "string" } },
});
const profile = JSON.parse(readFileSync(positionals[0], "utf8")) as Profile;
const top = Number(values.top);

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

/** node_modules/<package> (scoped too), "node:" internals, "app" for the build, or the V8 category. */
function packageOf(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith("node:")) return "node (internals)";
  if (url.includes("/build/server/")) return "app (server build)";
  const cwd = process.cwd();
  return url.replace(`file://${cwd}/`, "").split("/").slice(0, 2).join("/");
}
function label(node: ProfileNode) {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*node_modules\//, "").replace(`file://${process.cwd()}/`, "");
  return `${functionName || "(anonymous)"} ${file ? `${file}:${lineNumber + 1}` : ""}`.trim();
}

const selfFn = new Map<string, number>();
const totalFn = new Map<string, number>();
const selfPkg = new Map<string, number>();
const totalPkg = new Map<string, number>();
let all = 0;
let idle = 0;
const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);

const times: number[] = [];
profile.timeDeltas.reduce((at, delta, index) => (times[index] = at + delta), 0);
const from = values.last ? times[times.length - 1] - Number(values.last) * 1e6 : -Infinity;
profile.samples.forEach((id, index) => {
  if (times[index] < from) return;
  const ms = (profile.timeDeltas[index] ?? 0) / 1000;
  const leaf = byId.get(id)!;
  all += ms;
  if (leaf.callFrame.functionName === "(idle)") {
    idle += ms;
    return;
  }
  add(selfFn, label(leaf), ms);
  add(selfPkg, packageOf(leaf.callFrame.url, leaf.callFrame.functionName), ms);
  const seenFn = new Set<string>();
  const seenPkg = new Set<string>();
  for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
    const node = byId.get(current)!;
    if (node.callFrame.functionName === "(root)") break;
    seenFn.add(label(node));
    seenPkg.add(packageOf(node.callFrame.url, node.callFrame.functionName));
  }
  for (const key of seenFn) add(totalFn, key, ms);
  for (const key of seenPkg) add(totalPkg, key, ms);
});

const busy = all - idle;
const pct = (ms: number) => `${((100 * ms) / busy).toFixed(1).padStart(5)}%`;
function table(title: string, self: Map<string, number>, total: Map<string, number>, sortBy: Map<string, number>) {
  console.log(`\n${title}`);
  console.log(`${"self ms".padStart(9)} ${"self".padStart(6)} ${"total ms".padStart(9)} ${"total".padStart(6)}  name`);
  const rows = [...sortBy.entries()]
    .filter(([key]) => !values.filter || key.includes(values.filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top);
  for (const [key] of rows) {
    const s = self.get(key) ?? 0;
    const t = total.get(key) ?? 0;
    console.log(`${s.toFixed(0).padStart(9)} ${pct(s)} ${t.toFixed(0).padStart(9)} ${pct(t)}  ${key}`);
  }
}
console.log(`${(all / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy (${((100 * busy) / all).toFixed(0)}%), percentages of busy time`);
table("By package, sorted by self time", selfPkg, totalPkg, selfPkg);
table("By package, sorted by total time", selfPkg, totalPkg, totalPkg);
table("By function, sorted by self time", selfFn, totalFn, selfFn);
table("By function, sorted by total time", selfFn, totalFn, totalFn);
