import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "~/accounts/guards.server";
import { readResourceFile } from "~/resources/files.server";
import { getResourceFileMeta } from "~/resources/resources.server";

/** The uploaded file, always as an attachment with a safe name; never rendered inline. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const meta = await getResourceFileMeta(params.resourceId ?? "");
  if (!meta?.storedFile || !meta.fileName || !meta.fileType) throw notFound("File not found");
  const bytes = await readResourceFile(meta.id);
  if (!bytes) throw notFound("File not found");
  const safeName = meta.fileName.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": meta.fileType,
      "Content-Length": String(bytes.length),
      "Content-Disposition": `attachment; filename="${safeName}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
