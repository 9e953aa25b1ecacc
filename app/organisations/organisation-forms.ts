import { z } from "zod";
import { EmailSchema, optionalParam, PageParam } from "~/platform/form-fields";
import { PROFESSIONS, ROLE_ORGANISATION_KIND, ROLES, type RoleName } from "~/vocabulary/roles";

export const ORGANISATION_KINDS = ["PROVIDER", "UNIVERSITY"] as const;
export type OrganisationKindName = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_LABELS: Record<OrganisationKindName, string> = {
  PROVIDER: "Placement provider",
  UNIVERSITY: "University",
};

export const PROVIDER_TYPES = ["NHS_TRUST", "COMMUNITY", "PVI"] as const;
export type ProviderTypeName = (typeof PROVIDER_TYPES)[number];

export const PROVIDER_TYPE_LABELS: Record<ProviderTypeName, string> = {
  NHS_TRUST: "NHS trust",
  COMMUNITY: "Community provider",
  PVI: "Private, voluntary or independent (PVI)",
};

export const MIN_WORKFORCE_YEAR = 2000;
export const MAX_WORKFORCE_YEAR = 2100;

/** The roles a person invited to an organisation of this kind may hold. */
export function invitableRoles(kind: OrganisationKindName): RoleName[] {
  return ROLES.filter((role) => ROLE_ORGANISATION_KIND[role] === kind);
}

// Royal Mail's outward code shapes (A9, A99, A9A, AA9, AA99, AA9A) and inward code (9AA).
const POSTCODE_PATTERN =
  /^(?:GIR0AA|(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])[0-9][ABD-HJLNP-UW-Z]{2})$/;

/** A UK postcode in its standard written form ("SW1A 1AA"), or null when it is not one. */
export function normalisePostcode(value: string): string | null {
  const compact = value.replace(/\s+/g, "").toUpperCase();
  if (!POSTCODE_PATTERN.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** WTE to two decimal places, so sums of floats read as the figures that were entered. */
export function roundWte(value: number): number {
  return Math.round(value * 100) / 100;
}

/** True for numbers written with at most two decimal places (12, 12.5, 12.75). */
export function hasAtMostTwoDecimals(value: number): boolean {
  const hundredths = value * 100;
  return Math.abs(hundredths - Math.round(hundredths)) < 1e-6;
}

function text(requiredMessage: string, max: number) {
  return z
    .string({ required_error: requiredMessage })
    .trim()
    .min(1, requiredMessage)
    .max(max, `Use ${max} characters or fewer`);
}

function choice<T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.enum(values as unknown as [T[number], ...T[number][]], { errorMap: () => ({ message }) });
}

function coordinate(name: "latitude" | "longitude", limit: number, example: string) {
  return z
    .number({ required_error: `Enter the ${name}`, invalid_type_error: `Enter the ${name} as a number, like ${example}` })
    .min(-limit, `The ${name} must be between -${limit} and ${limit}`)
    .max(limit, `The ${name} must be between -${limit} and ${limit}`);
}

export const OrganisationFormSchema = z
  .object({
    name: text("Enter the organisation's name", 200),
    kind: choice(ORGANISATION_KINDS, "Choose whether it is a placement provider or a university"),
    providerType: choice(PROVIDER_TYPES, "Choose a provider type from the list").optional(),
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{3,10}$/, "Enter the ODS code or UKPRN as 3 to 10 letters and numbers, like RJ1 or 10007784")
      .optional(),
    regionId: text("Choose the region", 40),
  })
  .superRefine((value, context) => {
    if (value.kind === "PROVIDER" && !value.providerType) {
      context.addIssue({ code: "custom", path: ["providerType"], message: "Choose the provider type" });
    }
    if (value.kind === "UNIVERSITY" && value.providerType) {
      context.addIssue({ code: "custom", path: ["providerType"], message: "A university has no provider type: leave it empty" });
    }
  });
export type OrganisationFormValue = z.output<typeof OrganisationFormSchema>;

export const SiteFormSchema = z.object({
  name: text("Enter the site's name", 200),
  postcode: z
    .string({ required_error: "Enter the postcode" })
    .max(12, "Enter a UK postcode, like LS1 4AP")
    .transform((value, context) => {
      const postcode = normalisePostcode(value);
      if (!postcode) {
        context.addIssue({ code: "custom", message: "Enter a UK postcode, like LS1 4AP" });
        return z.NEVER;
      }
      return postcode;
    }),
  latitude: coordinate("latitude", 90, "51.5074"),
  longitude: coordinate("longitude", 180, "-0.1278"),
});
export type SiteFormValue = z.output<typeof SiteFormSchema>;

export const EditSiteFormSchema = SiteFormSchema.extend({ siteId: text("Choose a site", 40) });

export const WorkforceFormSchema = z.object({
  profession: choice(PROFESSIONS, "Choose the profession"),
  year: z
    .number({
      required_error: "Enter the academic year",
      invalid_type_error: "Enter the year the academic year starts, like 2026",
    })
    .int("Enter the year the academic year starts, like 2026")
    .min(MIN_WORKFORCE_YEAR, `Enter a year from ${MIN_WORKFORCE_YEAR} to ${MAX_WORKFORCE_YEAR}`)
    .max(MAX_WORKFORCE_YEAR, `Enter a year from ${MIN_WORKFORCE_YEAR} to ${MAX_WORKFORCE_YEAR}`),
  wte: z
    .number({
      required_error: "Enter the whole-time equivalent (WTE)",
      invalid_type_error: "Enter the WTE as a number, like 12.5",
    })
    .min(0, "The WTE cannot be negative")
    .max(100_000, "Enter a WTE below 100,000")
    .refine(hasAtMostTwoDecimals, "Use at most 2 decimal places, like 12.75"),
});
export type WorkforceFormValue = z.output<typeof WorkforceFormSchema>;

export const UpdateWorkforceFormSchema = WorkforceFormSchema.pick({ wte: true }).extend({
  workforceId: text("Choose a workforce figure", 40),
});

export const SiteIdSchema = z.object({ siteId: text("Choose a site", 40) });
export const WorkforceIdSchema = z.object({ workforceId: text("Choose a workforce figure", 40) });

/** Inviting a person into an organisation: the roles offered depend on its kind. */
export function inviteToOrganisationSchema(kind: OrganisationKindName) {
  const roles = invitableRoles(kind);
  return z.object({
    email: EmailSchema,
    name: text("Enter their full name", 200),
    role: z.enum(roles as [RoleName, ...RoleName[]], {
      errorMap: () => ({
        message: kind === "PROVIDER" ? "Choose a role for a placement provider" : "Choose a role for a university",
      }),
    }),
  });
}

/** Filters of an organisation list, read leniently from the query string: bad values are ignored. */
export const OrganisationFiltersSchema = z.object({
  q: optionalParam(z.string().trim().max(100)),
  kind: optionalParam(z.enum(ORGANISATION_KINDS)),
  regionId: optionalParam(z.string().trim().max(40)),
  page: PageParam,
});
export type OrganisationFilters = z.output<typeof OrganisationFiltersSchema>;

export function parseOrganisationFilters(searchParams: URLSearchParams): OrganisationFilters {
  return OrganisationFiltersSchema.parse(Object.fromEntries(searchParams));
}
