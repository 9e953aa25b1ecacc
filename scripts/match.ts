/**
 * npm run match -- INPUT.json [--out RESULT.json]
 * npm run match -- --export PERIOD [--region NAME] [--profession PT] [--out INPUT.json]
 * Reads a matching document and writes the result JSON (both described in docs/matching-format.md).
 */
import { readFile, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { formatMatchingResult, matchDocument, runMatchCommand } from "../app/matching/solver/command";
import type { MatchingResult } from "../app/matching/solver/types";

/**
 * Seam for callers that already hold the input object (e.g. a future `--export PERIOD`
 * that builds the document from the database): validate, solve, write to outPath or stdout.
 */
export async function matchInputObject(document: unknown, outPath?: string): Promise<MatchingResult> {
  const result = matchDocument(document);
  const output = formatMatchingResult(result);
  if (outPath) await writeFile(outPath, output);
  else process.stdout.write(output);
  return result;
}

/** The command: `npm run match` calls it from a bundle (scripts/run-match.mjs); `tsx scripts/match.ts` runs it directly. */
export async function runMatchScript(argv: string[]): Promise<void> {
  try {
    if (argv.some((argument) => argument === "--export" || argument.startsWith("--export="))) {
      // Only the export needs the database; plain file matching stays free of it.
      const { exportMatchingInstance } = await import("./match-export");
      process.exitCode = await exportMatchingInstance(argv);
      return;
    }
    process.exitCode = await runMatchCommand(argv, {
      readText: (path) => readFile(path, "utf8"),
      writeText: (path, text) => writeFile(path, text),
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    });
  } catch (error: unknown) {
    process.stderr.write(`match: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
    process.exitCode = 3;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) void runMatchScript(process.argv.slice(2));
