import { z } from "zod";
import type { SessionUser } from "~/accounts/session.server";
import { prisma, type Prisma } from "~/platform/db/db.server";
import { recordAudit } from "~/platform/audit.server";
import { literalSearch, pageWindow } from "~/platform/paging";
import { Refusal } from "~/platform/refusal";
import { checkResourceFile, removeResourceFile, saveResourceFile } from "./files.server";
import { canCommentOnResources, canManageResources } from "./policy";

export const RESOURCE_CATEGORIES = ["policy-guidance", "best-practice", "funding", "placement-resources"] as const;
export type ResourceCategory = (typeof RESOURCE_CATEGORIES)[number];
export const RESOURCE_CATEGORY_LABELS: Record<ResourceCategory, string> = {
  "policy-guidance": "Policy and guidance",
  "best-practice": "Best practice",
  funding: "Funding",
  "placement-resources": "Placement resources",
};
export const MAX_COMMENT_LENGTH = 2000;

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const ResourceSchema = z.object({
  title: z.string({ required_error: "Enter a title" }).trim().min(1, "Enter a title").max(200, "The title must be 200 characters or fewer"),
  summary: z.string({ required_error: "Enter a summary" }).trim().min(1, "Enter a summary").max(2000, "The summary must be 2000 characters or fewer"),
  category: z.enum(RESOURCE_CATEGORIES, { errorMap: () => ({ message: "Choose a category" }) }),
  tags: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .max(300, "Tags must be 300 characters or fewer")
      .transform((value) => [...new Set(value.split(",").map((tag) => tag.trim().toLowerCase()).filter(Boolean))])
      .refine((tags) => tags.length <= 10, "Give at most 10 tags")
      .refine((tags) => tags.every((tag) => tag.length <= 40), "Each tag must be 40 characters or fewer")
      .optional(),
  ),
  url: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .max(2000, "The link is too long")
      .url("Enter a full link starting with https://")
      .refine((value) => URL.canParse(value) && new URL(value).protocol === "https:", "The link must start with https://")
      .optional(),
  ),
});
export type ResourceInput = z.infer<typeof ResourceSchema>;

export const CommentSchema = z.object({
  body: z.string({ required_error: "Write a comment" }).trim().min(1, "Write a comment").max(MAX_COMMENT_LENGTH, `A comment must be ${MAX_COMMENT_LENGTH} characters or fewer`),
});

export const ResourceFiltersSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  category: z.enum(RESOURCE_CATEGORIES).optional().catch(undefined),
  tag: z.string().trim().toLowerCase().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});
export type ResourceFilters = z.infer<typeof ResourceFiltersSchema>;

export function parseResourceFilters(searchParams: URLSearchParams): ResourceFilters {
  const raw = Object.fromEntries([...searchParams].filter(([, value]) => value.trim() !== ""));
  return ResourceFiltersSchema.parse(raw);
}

export async function listResources(filters: ResourceFilters) {
  const where: Prisma.ResourceWhereInput = {
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.tag ? { tags: { has: filters.tag } } : {}),
    ...(filters.q
      ? {
          OR: [
            { title: { contains: literalSearch(filters.q), mode: "insensitive" } },
            { summary: { contains: literalSearch(filters.q), mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const total = await prisma.resource.count({ where });
  const window = pageWindow(total, filters.page);
  const resources = await prisma.resource.findMany({
    where,
    select: { id: true, title: true, summary: true, category: true, tags: true, url: true, fileName: true, fileSize: true, createdAt: true, _count: { select: { comments: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: window.skip,
    take: window.take,
  });
  return { resources, window };
}

export async function getResource(id: string) {
  const resource = await prisma.resource.findUnique({
    where: { id },
    select: { id: true, title: true, summary: true, category: true, tags: true, url: true, fileName: true, fileType: true, fileSize: true, storedFile: true, createdAt: true, updatedAt: true },
  });
  if (!resource) throw new Refusal(404, "Resource not found");
  const comments = await prisma.resourceComment.findMany({
    where: { resourceId: id },
    select: { id: true, body: true, createdAt: true, authorId: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 200,
  });
  const authors = await prisma.user.findMany({ where: { id: { in: [...new Set(comments.map((comment) => comment.authorId))] } }, select: { id: true, name: true, role: true } });
  const byId = new Map(authors.map((author) => [author.id, author]));
  return {
    resource,
    comments: comments.map((comment) => ({ id: comment.id, body: comment.body, createdAt: comment.createdAt, authorName: byId.get(comment.authorId)?.name ?? "Former user" })),
  };
}

function requireManager(user: SessionUser) {
  if (!canManageResources(user)) throw new Refusal(403, "Only facilitators and administrators manage resources");
}

/** A resource needs a link or a file (or both). A new file replaces the old one. */
export async function saveResource(user: SessionUser, id: string | null, input: ResourceInput, file: File | null) {
  requireManager(user);
  const checked = file && (file.size > 0 || file.name) ? await checkResourceFile(file) : null;
  const existing = id ? await prisma.resource.findUnique({ where: { id }, select: { id: true, storedFile: true } }) : null;
  if (id && !existing) throw new Refusal(404, "Resource not found");
  if (!input.url && !checked && !existing?.storedFile) throw new Refusal(400, "Give a https:// link or upload a file", "url");
  const fields = { title: input.title, summary: input.summary, category: input.category, tags: input.tags ?? [], url: input.url ?? null };
  const fileFields = checked ? { fileName: checked.fileName, fileType: checked.fileType, fileSize: checked.fileSize } : {};
  const saved = await prisma.$transaction(async (tx) => {
    const resource = id
      ? await tx.resource.update({ where: { id }, data: { ...fields, ...fileFields }, select: { id: true } })
      : await tx.resource.create({ data: { ...fields, ...fileFields, createdById: user.id }, select: { id: true } });
    if (checked) {
      await saveResourceFile(resource.id, checked.bytes);
      await tx.resource.update({ where: { id: resource.id }, data: { storedFile: resource.id } });
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: id ? "resource-updated" : "resource-created",
      entityType: "Resource",
      entityId: resource.id,
      details: { title: fields.title, file: checked?.fileName ?? null },
    });
    return resource;
  });
  return saved;
}

export async function deleteResource(user: SessionUser, id: string) {
  requireManager(user);
  const existing = await prisma.resource.findUnique({ where: { id }, select: { id: true, title: true } });
  if (!existing) throw new Refusal(404, "Resource not found");
  await prisma.$transaction([
    prisma.resource.delete({ where: { id } }),
    recordAudit(prisma, { actorId: user.id, action: "resource-deleted", entityType: "Resource", entityId: id, details: { title: existing.title } }),
  ]);
  await removeResourceFile(id);
}

export async function addComment(user: SessionUser, resourceId: string, body: string) {
  if (!canCommentOnResources(user)) throw new Refusal(403, "Students can read the discussion but not post in it");
  const resource = await prisma.resource.findUnique({ where: { id: resourceId }, select: { id: true } });
  if (!resource) throw new Refusal(404, "Resource not found");
  return prisma.resourceComment.create({ data: { resourceId, authorId: user.id, body }, select: { id: true } });
}

/** The stored file for download, or null when there is none. */
export async function getResourceFileMeta(id: string) {
  return prisma.resource.findUnique({ where: { id }, select: { id: true, fileName: true, fileType: true, storedFile: true } });
}
