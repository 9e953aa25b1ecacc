import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { resetEnv } from "~/platform/env.server";
import { loader as fileLoader } from "~/routes/resources.$resourceId.file";
import { action as resourceAction, loader as resourceLoader } from "~/routes/resources.$resourceId";
import { action as editAction } from "~/routes/resources.$resourceId.edit";
import { loader as listLoader } from "~/routes/resources._index";
import { action as newAction, loader as newLoader } from "~/routes/resources.new";
import { useTestDatabase } from "../helpers/database";
import { createOrganisation, createRegion, createUser, settle, signInAs, testContext, type SignedIn } from "../helpers/fixtures";
import { call } from "./provider-fixtures";

useTestDatabase();

let dataDir: string;
let facilitator: SignedIn;
let admin: SignedIn;
let educator: SignedIn;
let student: SignedIn;
let university: SignedIn;

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

function multipart(pathname: string, as: SignedIn, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type?: string }) {
  const body = new FormData();
  body.set("csrf", as.csrf);
  for (const [key, value] of Object.entries(fields)) body.set(key, value);
  if (file) body.set("file", new File([Buffer.from(file.bytes)], file.name, { type: file.type ?? "application/octet-stream" }));
  return new Request(`http://localhost${pathname}`, { method: "POST", headers: { Cookie: as.cookie, Origin: "http://localhost" }, body });
}

const create = (as: SignedIn, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type?: string }) =>
  settle(() => newAction({ request: multipart("/resources/new", as, fields, file), params: {}, context: testContext }));

const errorsOf = (result: { data: unknown }) => (result.data as { result: { error: Record<string, string[]> } }).result.error;
const base = { title: "Supervision models", summary: "How to run 2:1 placements", category: "best-practice", tags: "Peer, MSK" };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "px-resources-"));
  process.env.DATA_DIR = dataDir;
  resetEnv();
  const region = await createRegion();
  const provider = await createOrganisation({ regionId: region.id });
  const uni = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
  facilitator = await signInAs(await createUser("FACILITATOR", { regionId: region.id }));
  admin = await signInAs(await createUser("ADMIN"));
  educator = await signInAs(await createUser("EDUCATOR", { organisationId: provider.id }));
  student = await signInAs(await createUser("STUDENT", { organisationId: uni.id }));
  university = await signInAs(await createUser("UNIVERSITY", { organisationId: uni.id }));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("an empty library", () => {
  it("says there are none yet (not that none match), and offers adding one to those who may", async () => {
    type List = { window: { total: number }; filtered: boolean; canManage: boolean };
    const empty = (await call(listLoader, "/resources", { as: facilitator })).data as List;
    expect(empty).toMatchObject({ window: { total: 0 }, filtered: false, canManage: true });
    expect(((await call(listLoader, "/resources", { as: student })).data as List).canManage).toBe(false);
    expect(((await call(listLoader, "/resources?q=nothing", { as: student })).data as List).filtered).toBe(true);
  });
});

describe("adding resources", () => {
  it("stores an uploaded PDF under uploads/<id>, ignoring the path in the client's file name", async () => {
    const result = await create(facilitator, { ...base, url: "" }, { name: "../../etc/passwd.pdf", bytes: PDF, type: "application/pdf" });
    expect(result.status).toBe(302);
    const resource = await prisma.resource.findFirstOrThrow({ where: { title: base.title } });
    expect(result.response?.headers.get("Location")).toBe(`/resources/${resource.id}`);
    expect(resource).toMatchObject({ fileName: "passwd.pdf", fileType: "application/pdf", fileSize: PDF.length, storedFile: resource.id, tags: ["peer", "msk"] });
    expect(await readdir(path.join(dataDir, "uploads"))).toEqual([resource.id]);
    expect(await readFile(path.join(dataDir, "uploads", resource.id))).toEqual(Buffer.from(PDF));
    await expect(readdir(path.join(dataDir, "etc"))).rejects.toThrow();
    expect(await prisma.auditEvent.count({ where: { entityId: resource.id, action: "resource-created" } })).toBe(1);

    const download = await call(fileLoader, `/resources/${resource.id}/file`, { as: student, params: { resourceId: resource.id } });
    expect(download.status).toBe(200);
    expect(download.response?.headers.get("Content-Disposition")).toBe('attachment; filename="passwd.pdf"');
    expect(download.response?.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(download.response?.headers.get("Content-Type")).toBe("application/pdf");
    expect(new Uint8Array(await download.response!.arrayBuffer())).toEqual(PDF);
  });

  it("refuses a .pdf whose bytes are not a PDF, a wrong extension, and an oversize file, saving nothing", async () => {
    const before = await prisma.resource.count();
    const fake = await create(facilitator, { ...base, title: "Fake" }, { name: "guide.pdf", bytes: new TextEncoder().encode("<script>alert(1)</script>") });
    expect(fake.status).toBe(400);
    expect(errorsOf(fake).file).toEqual(["The file's contents are not a valid PDF file"]);
    const png = await create(facilitator, { ...base, title: "Png as pdf" }, { name: "picture.pdf", bytes: PNG });
    expect(errorsOf(png).file).toEqual(["The file's contents are not a valid PDF file"]);
    const exe = await create(facilitator, { ...base, title: "Exe" }, { name: "tool.exe", bytes: PDF });
    expect(errorsOf(exe).file).toEqual(["The file must be a PDF, DOCX, XLSX, PPTX, PNG or JPEG"]);
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(PDF);
    const oversize = await create(facilitator, { ...base, title: "Big" }, { name: "big.pdf", bytes: big });
    expect(oversize.status).toBe(400);
    expect(errorsOf(oversize).file).toEqual(["The file must be 2 MB or smaller"]);
    expect(await prisma.resource.count()).toBe(before);
    expect(await readdir(path.join(dataDir, "uploads"))).toHaveLength(1);
  });

  it("accepts a PNG, and https links only", async () => {
    expect((await create(admin, { ...base, title: "Poster" }, { name: "poster.PNG", bytes: PNG })).status).toBe(302);
    for (const url of ["http://example.org/guide", "javascript:alert(1)", "ftp://example.org/x", "not a url"]) {
      const result = await create(facilitator, { ...base, title: `Link ${url}`, url });
      expect(result.status).toBe(400);
      expect(errorsOf(result).url?.[0]).toMatch(/https:\/\//);
    }
    const none = await create(facilitator, { ...base, title: "Nothing", url: "" });
    expect(errorsOf(none).url).toEqual(["Give a https:// link or upload a file"]);
    expect((await create(facilitator, { ...base, title: "Good link", category: "funding", url: "https://www.hee.nhs.uk/fair-share" })).status).toBe(302);
    const missing = await create(facilitator, { title: "", summary: "", category: "nonsense", url: "https://x.org" });
    expect(Object.keys(errorsOf(missing)).sort()).toEqual(["category", "summary", "title"]);
  });

  it("lets only facilitators and admins add, edit and delete (403 otherwise)", async () => {
    for (const as of [educator, university, student]) {
      expect((await call(newLoader, "/resources/new", { as })).status).toBe(403);
      expect((await create(as, { ...base, title: "Nope", url: "https://x.org" })).status).toBe(403);
    }
    const resource = await prisma.resource.findFirstOrThrow({ where: { title: "Good link" } });
    const del = await call(resourceAction, `/resources/${resource.id}`, { as: educator, form: { intent: "delete" }, params: { resourceId: resource.id } });
    expect(del.status).toBe(403);
    const edit = await settle(() =>
      editAction({ request: multipart(`/resources/${resource.id}/edit`, university, { ...base, url: "https://x.org" }), params: { resourceId: resource.id }, context: testContext }),
    );
    expect(edit.status).toBe(403);
    expect(await prisma.resource.count({ where: { id: resource.id } })).toBe(1);
  });

  it("edits and deletes a resource with its file", async () => {
    const resource = await prisma.resource.findFirstOrThrow({ where: { title: "Poster" } });
    const edit = await settle(() =>
      editAction({ request: multipart(`/resources/${resource.id}/edit`, facilitator, { ...base, title: "Poster v2", category: "placement-resources" }), params: { resourceId: resource.id }, context: testContext }),
    );
    expect(edit.status).toBe(302);
    expect(await prisma.resource.findUniqueOrThrow({ where: { id: resource.id } })).toMatchObject({ title: "Poster v2", fileName: "poster.png" });
    const del = await call(resourceAction, `/resources/${resource.id}`, { as: admin, form: { intent: "delete" }, params: { resourceId: resource.id } });
    expect(del.status).toBe(302);
    expect(await prisma.resource.count({ where: { id: resource.id } })).toBe(0);
    expect(await readdir(path.join(dataDir, "uploads"))).not.toContain(resource.id);
    expect((await call(fileLoader, `/resources/${resource.id}/file`, { as: admin, params: { resourceId: resource.id } })).status).toBe(404);
  });
});

describe("library and discussion", () => {
  it("searches and filters by category and tag", async () => {
    const all = (await call(listLoader, "/resources", { as: student })).data as { resources: { title: string }[]; window: { total: number } };
    expect(all.window.total).toBe(2);
    const funding = (await call(listLoader, "/resources?category=funding", { as: student })).data as { resources: { title: string }[] };
    expect(funding.resources.map((r) => r.title)).toEqual(["Good link"]);
    const tagged = (await call(listLoader, "/resources?tag=MSK", { as: student })).data as { resources: { title: string }[] };
    expect(tagged.resources.map((r) => r.title).sort()).toEqual(["Good link", "Supervision models"]);
    const searched = (await call(listLoader, "/resources?q=supervision", { as: educator })).data as { resources: { title: string }[] };
    expect(searched.resources.map((r) => r.title)).toEqual(["Supervision models"]);
    const wildcard = (await call(listLoader, "/resources?q=%25", { as: educator })).data as { resources: unknown[] };
    expect(wildcard.resources).toEqual([]);
    expect((await call(listLoader, "/resources")).status).toBe(302);
  });

  it("lets signed-in non-students comment, up to 2000 characters; students only read", async () => {
    const resource = await prisma.resource.findFirstOrThrow({ where: { title: "Supervision models" } });
    const post = (as: SignedIn, body: string) => call(resourceAction, `/resources/${resource.id}`, { as, form: { intent: "comment", body }, params: { resourceId: resource.id } });
    expect((await post(educator, "Works well for us")).status).toBe(200);
    expect((await post(university, "Agreed")).status).toBe(200);
    const refused = await post(student, "Can I post?");
    expect(refused.status).toBe(403);
    expect(errorsOf(refused).body).toEqual(["Students can read the discussion but not post in it"]);
    const long = await post(educator, "x".repeat(2001));
    expect(long.status).toBe(400);
    expect(errorsOf(long).body).toEqual(["A comment must be 2000 characters or fewer"]);
    expect(errorsOf(await post(educator, "   ")).body).toEqual(["Write a comment"]);
    expect((await post(educator, "x".repeat(2000))).status).toBe(200);
    const page = (await call(resourceLoader, `/resources/${resource.id}`, { as: student, params: { resourceId: resource.id } })).data as {
      comments: { body: string }[];
      canComment: boolean;
    };
    expect(page.canComment).toBe(false);
    expect(page.comments.map((c) => c.body.slice(0, 20))).toEqual(["Works well for us", "Agreed", "x".repeat(20)]);
    expect((await call(resourceLoader, "/resources/missing", { as: student, params: { resourceId: "missing" } })).status).toBe(404);
  });

  it("keeps XSS payloads as raw text and never renders HTML", async () => {
    const payload = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;
    const created = await create(facilitator, { title: payload, summary: payload, category: "policy-guidance", tags: "", url: "https://example.org/" });
    expect(created.status).toBe(302);
    const resource = await prisma.resource.findFirstOrThrow({ where: { title: payload } });
    await call(resourceAction, `/resources/${resource.id}`, { as: educator, form: { intent: "comment", body: payload }, params: { resourceId: resource.id } });
    const page = (await call(resourceLoader, `/resources/${resource.id}`, { as: student, params: { resourceId: resource.id } })).data as {
      resource: { title: string; summary: string };
      comments: { body: string }[];
    };
    expect(page.resource.title).toBe(payload);
    expect(page.resource.summary).toBe(payload);
    expect(page.comments[0].body).toBe(payload);
    for (const file of ["resources._index.tsx", "resources.$resourceId.tsx", "resources.$resourceId.edit.tsx", "resources.new.tsx", "resources.shared/resource-form.tsx"]) {
      expect(await readFile(path.join("app/routes", file), "utf8")).not.toContain("dangerouslySetInnerHTML");
    }
  });
});
