export const ROLES = ["ADMIN", "EDUCATOR", "UNIVERSITY", "FACILITATOR", "STUDENT"] as const;
export type RoleName = (typeof ROLES)[number];

export const ROLE_LABELS: Record<RoleName, string> = {
  ADMIN: "Administrator",
  EDUCATOR: "Practice educator",
  UNIVERSITY: "University placement team",
  FACILITATOR: "Placement expansion facilitator",
  STUDENT: "Student",
};

export const ROLE_HOME: Record<RoleName, `/${string}`> = {
  ADMIN: "/admin",
  EDUCATOR: "/provider",
  UNIVERSITY: "/university",
  FACILITATOR: "/facilitator",
  STUDENT: "/student",
};

/** Which kind of organisation a role belongs to; null for platform- or region-wide roles. */
export const ROLE_ORGANISATION_KIND: Record<RoleName, "PROVIDER" | "UNIVERSITY" | null> = {
  ADMIN: null,
  EDUCATOR: "PROVIDER",
  UNIVERSITY: "UNIVERSITY",
  FACILITATOR: null,
  STUDENT: "UNIVERSITY",
};

export const PROFESSIONS = ["PT", "OT", "SLT", "DIET", "POD", "RAD", "PARA", "ORTH"] as const;
export type ProfessionCode = (typeof PROFESSIONS)[number];

export const PROFESSION_LABELS: Record<ProfessionCode, string> = {
  PT: "Physiotherapy",
  OT: "Occupational therapy",
  SLT: "Speech and language therapy",
  DIET: "Dietetics",
  POD: "Podiatry",
  RAD: "Radiography",
  PARA: "Paramedic science",
  ORTH: "Orthoptics",
};

/** Professions whose name or code contains the search text, so "physio" finds physiotherapy offers. */
export function professionsMatching(search: string): ProfessionCode[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return [];
  return PROFESSIONS.filter((code) => PROFESSION_LABELS[code].toLowerCase().includes(needle) || code.toLowerCase() === needle);
}
