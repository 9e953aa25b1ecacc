import { z } from "zod";

/** Thresholds the administrator sets; the defaults apply until they do. */
export const PortalSettingsSchema = z
  .object({
    fairShareRed: z.coerce.number({ invalid_type_error: "Enter a number" }).min(0, "Enter 0 or more").max(2, "Enter 2 or less"),
    fairShareAmber: z.coerce.number({ invalid_type_error: "Enter a number" }).min(0, "Enter 0 or more").max(2, "Enter 2 or less"),
    unmetRequestWeeks: z.coerce.number({ invalid_type_error: "Enter a whole number of weeks" }).int("Enter a whole number of weeks").min(1, "Enter 1 or more").max(26, "Enter 26 or less"),
    feedbackThreshold: z.coerce.number({ invalid_type_error: "Enter a rating" }).min(1, "Ratings run from 1 to 5").max(5, "Ratings run from 1 to 5"),
    auditWarningDays: z.coerce.number({ invalid_type_error: "Enter a number of days" }).int("Enter a whole number of days").min(1, "Enter 1 or more").max(365, "Enter 365 or less"),
    matchingLeadDays: z.coerce.number({ invalid_type_error: "Enter a number of days" }).int("Enter a whole number of days").min(0, "Enter 0 or more").max(180, "Enter 180 or less"),
  })
  .refine((value) => value.fairShareRed < value.fairShareAmber, {
    message: "The red threshold must be below the amber threshold",
    path: ["fairShareRed"],
  });

export type PortalSettings = z.infer<typeof PortalSettingsSchema>;

export const DEFAULT_SETTINGS: PortalSettings = {
  fairShareRed: 0.8,
  fairShareAmber: 1.0,
  unmetRequestWeeks: 6,
  feedbackThreshold: 3,
  auditWarningDays: 60,
  matchingLeadDays: 14,
};
