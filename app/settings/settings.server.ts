import { prisma } from "~/platform/db/db.server";
import { recordAudit } from "~/platform/audit.server";
import { DEFAULT_SETTINGS, PortalSettingsSchema, type PortalSettings } from "./settings";

const KEY = "portal";

export async function getSettings(): Promise<PortalSettings> {
  const row = await prisma.setting.findUnique({ where: { key: KEY } });
  const parsed = PortalSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(row?.value as object | null) });
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function saveSettings(actorId: string, settings: PortalSettings) {
  await prisma.$transaction([
    prisma.setting.upsert({ where: { key: KEY }, create: { key: KEY, value: settings }, update: { value: settings } }),
    recordAudit(prisma, { actorId, action: "settings-changed", entityType: "Setting", entityId: KEY, details: settings }),
  ]);
}
