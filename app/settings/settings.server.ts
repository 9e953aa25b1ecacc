import { prisma, Prisma, queryRows } from "~/platform/db/db.server";
import { recordAudit } from "~/platform/audit.server";
import { DEFAULT_SETTINGS, PortalSettingsSchema, type PortalSettings } from "./settings";

const KEY = "portal";

/** Read on the driver (queryRows): many pages ask, and through Prisma the one-row read cost ~1 ms of Node CPU. */
export async function getSettings(): Promise<PortalSettings> {
  const [row] = await queryRows<{ value: unknown }>(Prisma.sql`SELECT "value" FROM "Setting" WHERE "key" = ${KEY}`);
  const parsed = PortalSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(row?.value as object | null) });
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function saveSettings(actorId: string, settings: PortalSettings) {
  await prisma.$transaction([
    prisma.setting.upsert({ where: { key: KEY }, create: { key: KEY, value: settings }, update: { value: settings } }),
    recordAudit(prisma, { actorId, action: "settings-changed", entityType: "Setting", entityId: KEY, details: settings }),
  ]);
}
