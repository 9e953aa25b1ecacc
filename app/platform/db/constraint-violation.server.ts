// Postgres raises 23503 for NO ACTION foreign keys and 23001 for RESTRICT ones (Prisma's default).
const CODES: Record<"unique" | "foreign-key", { prisma: string; postgres: string[]; adapterKind: string }> = {
  unique: { prisma: "P2002", postgres: ["23505"], adapterKind: "UniqueConstraintViolation" },
  "foreign-key": { prisma: "P2003", postgres: ["23503", "23001"], adapterKind: "ForeignKeyConstraintViolation" },
};

/**
 * Whether a database error broke a unique or foreign-key constraint, and which one.
 * The pg adapter wraps the driver error in a P2002/P2003 PrismaClientKnownRequestError; the PGlite
 * adapter passes the driver error through. Both carry Postgres's message naming the constraint.
 */
export function constraintViolation(error: unknown, kind: keyof typeof CODES): { constraint: string | null } | null {
  const codes = CODES[kind];
  const messages: string[] = [];
  let matched = false;
  const visit = (value: unknown, depth: number) => {
    if (!value || typeof value !== "object" || depth > 6) return;
    const record = value as Record<string, unknown>;
    if (
      record.code === codes.prisma ||
      codes.postgres.includes(String(record.code)) ||
      codes.postgres.includes(String(record.originalCode)) ||
      record.kind === codes.adapterKind
    ) {
      matched = true;
    }
    for (const key of ["message", "originalMessage"]) {
      if (typeof record[key] === "string") messages.push(record[key] as string);
    }
    for (const key of ["cause", "meta", "driverAdapterError"]) visit(record[key], depth + 1);
  };
  visit(error, 0);
  if (!matched) return null;
  const constraint = messages.map((message) => /constraint "([^"]+)"/.exec(message)?.[1]).find(Boolean) ?? null;
  return { constraint };
}
