import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { getEnv } from "~/platform/env.server";
import { Refusal } from "~/platform/refusal";

/** Below the server's ~2.25 MB body limit (server/app.ts MAX_BODY_BYTES), so the route can answer. */
export const MAX_RESOURCE_FILE_BYTES = 2 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((value, index) => bytes[index] === value);
const containsAscii = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text, "latin1"));

/** Allowed types: the extension decides the type, and the bytes must agree with it. */
export const RESOURCE_FILE_TYPES = {
  pdf: { mime: "application/pdf", check: (bytes: Uint8Array) => startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", check: (bytes: Uint8Array) => startsWith(bytes, ZIP) && containsAscii(bytes, "word/") },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", check: (bytes: Uint8Array) => startsWith(bytes, ZIP) && containsAscii(bytes, "xl/") },
  pptx: { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", check: (bytes: Uint8Array) => startsWith(bytes, ZIP) && containsAscii(bytes, "ppt/") },
  png: { mime: "image/png", check: (bytes: Uint8Array) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpg: { mime: "image/jpeg", check: (bytes: Uint8Array) => startsWith(bytes, [0xff, 0xd8, 0xff]) },
  jpeg: { mime: "image/jpeg", check: (bytes: Uint8Array) => startsWith(bytes, [0xff, 0xd8, 0xff]) },
} as const;
export type ResourceFileExtension = keyof typeof RESOURCE_FILE_TYPES;
export const RESOURCE_FILE_ACCEPT = Object.keys(RESOURCE_FILE_TYPES).map((ext) => `.${ext}`).join(",");

/**
 * A display name without any path: the last segment after / or \, reduced to letters, digits,
 * dot, dash and underscore. Only ever used in Content-Disposition, never as a path.
 */
export function safeFileName(original: string, extension: string): string {
  const base = original.split(/[\\/]/).pop() ?? "";
  const stem = base.replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80);
  return `${stem || "resource"}.${extension}`;
}

export interface CheckedFile {
  bytes: Uint8Array;
  fileName: string;
  fileType: string;
  fileSize: number;
}

/** Checks an uploaded file's size, extension and leading bytes; throws a 400 Refusal on "file". */
export async function checkResourceFile(file: File): Promise<CheckedFile> {
  if (file.size === 0) throw new Refusal(400, "The file is empty", "file");
  if (file.size > MAX_RESOURCE_FILE_BYTES) throw new Refusal(400, "The file must be 2 MB or smaller", "file");
  const extension = (file.name.split(/[\\/]/).pop() ?? "").split(".").pop()?.toLowerCase() ?? "";
  const type = (RESOURCE_FILE_TYPES as Record<string, (typeof RESOURCE_FILE_TYPES)[ResourceFileExtension] | undefined>)[extension];
  if (!type || !file.name.includes(".")) throw new Refusal(400, "The file must be a PDF, DOCX, XLSX, PPTX, PNG or JPEG", "file");
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length > MAX_RESOURCE_FILE_BYTES) throw new Refusal(400, "The file must be 2 MB or smaller", "file");
  if (!type.check(bytes)) throw new Refusal(400, `The file's contents are not a valid ${extension.toUpperCase()} file`, "file");
  return { bytes, fileName: safeFileName(file.name, extension), fileType: type.mime, fileSize: bytes.length };
}

function uploadsDir() {
  return path.resolve(getEnv().DATA_DIR, "uploads");
}

/** The stored file's path: uploads/<resource id>; the id is a cuid, checked again here. */
export function storedPath(resourceId: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(resourceId)) throw new Refusal(404, "File not found");
  return path.join(uploadsDir(), resourceId);
}

export async function saveResourceFile(resourceId: string, bytes: Uint8Array) {
  await mkdir(uploadsDir(), { recursive: true });
  await writeFile(storedPath(resourceId), bytes);
}

export async function readResourceFile(resourceId: string): Promise<Uint8Array | null> {
  try {
    return await readFile(storedPath(resourceId));
  } catch {
    return null;
  }
}

export async function removeResourceFile(resourceId: string) {
  await rm(storedPath(resourceId), { force: true });
}
