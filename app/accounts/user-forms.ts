import { EmailSchema, optionalParam, PageParam } from "~/platform/form-fields";
import { z } from "zod";
import { ROLES } from "~/vocabulary/roles";

export const USER_STATUSES = ["active", "inactive"] as const;
export type UserStatusFilter = (typeof USER_STATUSES)[number];

export const UserFiltersSchema = z.object({
  q: optionalParam(z.string().trim().max(100)),
  role: optionalParam(z.enum(ROLES)),
  organisation: optionalParam(z.string().trim().max(100)),
  organisationId: optionalParam(z.string().trim().max(40)),
  status: optionalParam(z.enum(USER_STATUSES)),
  page: PageParam,
});
export type UserFilters = z.output<typeof UserFiltersSchema>;

export function parseUserFilters(searchParams: URLSearchParams): UserFilters {
  return UserFiltersSchema.parse(Object.fromEntries(searchParams));
}

export const UserIdSchema = z.object({
  userId: z.string({ required_error: "Choose a user" }).trim().min(1, "Choose a user").max(40),
});

export const InviteFacilitatorSchema = z.object({
  email: EmailSchema,
  name: z.string({ required_error: "Enter their full name" }).trim().min(1, "Enter their full name").max(200, "Use 200 characters or fewer"),
  regionId: z.string({ required_error: "Choose the region they work for" }).trim().min(1, "Choose the region they work for").max(40),
});

export const EraseUserSchema = z.object({
  userId: z.string({ required_error: "Choose a user" }).trim().min(1, "Choose a user").max(40),
  confirm: z.literal("yes", { errorMap: () => ({ message: "Tick the box to confirm: this cannot be undone" }) }),
});
