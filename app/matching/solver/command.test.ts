import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, type MatchCommandIo, parseMatchArguments, runMatchCommand, workersForAuto, workersForIdleCores, workersForOthersBusy } from "./command";
import { smallMatchingDocument } from "../../../tests/helpers/matching-document";

const EXAMPLE = smallMatchingDocument();

function memoryIo(files: Record<string, string>) {
  const written: Record<string, string> = {};
  let stdout = "";
  let stderr = "";
  const io: MatchCommandIo = {
    readText: async (path) => {
      if (!(path in files)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return files[path];
    },
    writeText: async (path, text) => void (written[path] = text),
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  };
  return { io, written, output: () => ({ stdout, stderr }) };
}

describe("parseMatchArguments", () => {
  it("reads the input file and an optional --out", () => {
    expect(parseMatchArguments(["in.json"])).toEqual({ inputPath: "in.json", outPath: null, workers: "auto" });
    expect(parseMatchArguments(["in.json", "--out", "out.json", "--workers", "1"])).toEqual({ inputPath: "in.json", outPath: "out.json", workers: 1 });
    expect(parseMatchArguments(["--out=out.json", "in.json", "--workers", "2"])).toEqual({ inputPath: "in.json", outPath: "out.json", workers: 2 });
  });

  it.each([[[]], [["--out"]], [["a.json", "b.json"]], [["a.json", "--verbose"]], [["a.json", "--workers", "0"]], [["a.json", "--workers", "two"]]])("rejects %j", (argv) => {
    expect(() => parseMatchArguments(argv)).toThrow();
  });

  it("takes --workers auto as two threads when a second core is idle, else one", () => {
    expect(parseMatchArguments(["in.json", "--workers", "auto"]).workers).toBe("auto");
    expect(workersForIdleCores(2, 0.6)).toBe(2);
    expect(workersForIdleCores(2, 1.7)).toBe(1);
    expect(workersForIdleCores(8, 5)).toBe(2);
    expect(workersForIdleCores(1, 0)).toBe(1);
  });

  it("takes two threads when other processes kept less than half a core busy while the input was read", () => {
    expect(workersForOthersBusy(2, 0.1)).toBe(2);
    expect(workersForOthersBusy(2, 0.7)).toBe(1);
    expect(workersForOthersBusy(4, 2.4)).toBe(2);
    expect(workersForOthersBusy(1, 0)).toBe(1);
    // 300 ms of reading: this process used 290 ms of CPU, the machine 330 ms in all, so others 40 ms.
    const before = { machineBusyMs: 1_000, ownMs: 10, atMs: 0 };
    expect(workersForAuto(before, { machineBusyMs: 1_330, ownMs: 300, atMs: 300 }, 2)).toBe(2);
    // Others kept a core busy the whole time: 290 ms of ours plus 300 of theirs.
    expect(workersForAuto(before, { machineBusyMs: 1_590, ownMs: 300, atMs: 300 }, 2)).toBe(1);
  });
});

describe("runMatchCommand", () => {
  it("writes the result to stdout and exits 0", async () => {
    const { io, output } = memoryIo({ "in.json": JSON.stringify(EXAMPLE) });
    expect(await runMatchCommand(["in.json"], io)).toBe(EXIT_OK);
    const result = JSON.parse(output().stdout);
    expect(result.allocations).toMatchObject([{ requestId: "R1", offerId: "O1", students: 2 }]);
    expect(result.unmet).toMatchObject([{ requestId: "R1", students: 4 }]);
    expect(result.stats).toMatchObject({ requested: 6, placed: 2 });
    expect(output().stderr).toBe("");
  });

  it("writes to --out instead of stdout", async () => {
    const { io, written, output } = memoryIo({ "in.json": JSON.stringify(EXAMPLE) });
    expect(await runMatchCommand(["in.json", "--out", "result.json"], io)).toBe(EXIT_OK);
    expect(JSON.parse(written["result.json"]).stats.placed).toBe(2);
    expect(output().stdout).toBe("");
  });

  it.each([
    ["a missing file", {}, "match: cannot read in.json: ENOENT: no such file or directory, open 'in.json'\n"],
    ["text that is not JSON", { "in.json": "{ nope" }, /^match: in\.json is not valid JSON: .+\n$/],
    [
      "an unknown provider",
      { "in.json": JSON.stringify({ ...EXAMPLE, offers: [{ ...EXAMPLE.offers[0], providerId: "P9" }] }) },
      'match: offer "O1": providerId "P9" is not a known provider\n',
    ],
  ])("fails with exit 1 and one line for %s", async (_label, files, message) => {
    const { io, output } = memoryIo(files as Record<string, string>);
    expect(await runMatchCommand(["in.json"], io)).toBe(EXIT_BAD_INPUT);
    expect(output().stderr).toMatch(message);
    expect(output().stderr.trim().split("\n")).toHaveLength(1);
    expect(output().stdout).toBe("");
  });

  it("fails with exit 2 and the usage on bad arguments", async () => {
    const { io, output } = memoryIo({});
    expect(await runMatchCommand([], io)).toBe(EXIT_USAGE);
    expect(output().stderr).toBe("match: INPUT.json is required\nusage: npm run match -- INPUT.json [--out RESULT.json] [--workers N|auto]\n");
  });
});

describe("the match command as a process", () => {
  const run = promisify(execFile);
  const projectRoot = join(import.meta.dirname, "../../..");
  const fromSource = [join(projectRoot, "node_modules/.bin/tsx"), join(projectRoot, "scripts/match.ts")];
  const fromBundle = [process.execPath, join(projectRoot, "scripts/run-match.mjs")];
  const bundleInputs = join(projectRoot, "node_modules/.cache/placement-exchange/match/inputs.json");

  it.each([
    ["scripts/match.ts under tsx", fromSource],
    ["npm run match's bundle (scripts/run-match.mjs)", fromBundle],
  ])("%s: 0 with a result file, non-zero with one line and no stack on bad input", async (_name, [command, script]) => {
    const directory = await mkdtemp(join(tmpdir(), "match-"));
    const inputPath = join(directory, "in.json");
    const outPath = join(directory, "out.json");
    await writeFile(inputPath, JSON.stringify(EXAMPLE));
    await run(command!, [script!, inputPath, "--out", outPath]);
    expect(JSON.parse(await readFile(outPath, "utf8")).stats.placed).toBe(2);

    await writeFile(inputPath, JSON.stringify({ ...EXAMPLE, offers: [{ ...EXAMPLE.offers[0], capacity: -1 }] }));
    const failure = await run(command!, [script!, inputPath]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(EXIT_BAD_INPUT);
    expect(failure?.stderr).toBe('match: offer "O1": capacity must not be negative (got -1)\n');
  }, 60_000);

  it("rebuilds the bundle when a file it was built from is newer", async () => {
    const directory = await mkdtemp(join(tmpdir(), "match-"));
    const inputPath = join(directory, "in.json");
    await writeFile(inputPath, JSON.stringify(EXAMPLE));
    await run(fromBundle[0]!, [fromBundle[1]!, inputPath, "--out", join(directory, "first.json")]);
    const built = JSON.parse(await readFile(bundleInputs, "utf8")) as { builtAt: number; inputs: string[] };
    expect(built.inputs).toContain("app/matching/solver/network-simplex.ts");
    expect(built.inputs).toContain("app/matching/solver/solve-worker.ts");
    await writeFile(bundleInputs, JSON.stringify({ ...built, builtAt: 0 }));
    await run(fromBundle[0]!, [fromBundle[1]!, inputPath, "--out", join(directory, "second.json")]);
    expect((JSON.parse(await readFile(bundleInputs, "utf8")) as { builtAt: number }).builtAt).toBeGreaterThan(0);
    const allocations = async (name: string) => (JSON.parse(await readFile(join(directory, name), "utf8")) as { allocations: unknown }).allocations;
    expect(await allocations("second.json")).toEqual(await allocations("first.json"));
  }, 60_000);
});
