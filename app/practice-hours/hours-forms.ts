import { z } from "zod";
import { calendarDateField } from "~/vocabulary/calendar-date";
import { PROFESSIONS } from "~/vocabulary/roles";

export const MAX_WEEK_HOURS = 60;
export const MAX_QUERY_REASON_LENGTH = 500;
export const MAX_REQUIREMENT_HOURS = 5000;

function id(message: string) {
  return z.string({ required_error: message }).trim().min(1, message).max(40, message);
}

function quarterHours(label: string) {
  const message = `Enter ${label} in hours from 0 to ${MAX_WEEK_HOURS}, in quarter hours (like 7.5)`;
  return z
    .number({ invalid_type_error: message })
    .min(0, message)
    .max(MAX_WEEK_HOURS, message)
    .refine((value) => Number.isInteger(value * 4), message)
    .default(0);
}

/** One week of attendance. Hours over the days worked are refused: more than 13 a day is not a placement day. */
export const TimesheetFormSchema = z
  .object({
    allocationId: id("Choose the placement"),
    weekStarting: calendarDateField("Choose the week"),
    days: z
      .number({ required_error: "Enter the days you attended", invalid_type_error: "Enter the days as a whole number from 1 to 7" })
      .int("Enter the days as a whole number from 1 to 7")
      .min(1, "Enter the days as a whole number from 1 to 7")
      .max(7, "Enter the days as a whole number from 1 to 7"),
    inPersonHours: quarterHours("in-person hours"),
    telehealthHours: quarterHours("telehealth hours"),
    simulationHours: quarterHours("simulation hours"),
  })
  .superRefine((value, context) => {
    const total = value.inPersonHours + value.telehealthHours + value.simulationHours;
    if (total <= 0) context.addIssue({ code: "custom", path: ["inPersonHours"], message: "Enter the hours you attended this week" });
    else if (total > MAX_WEEK_HOURS) context.addIssue({ code: "custom", path: ["inPersonHours"], message: `A week has at most ${MAX_WEEK_HOURS} hours of practice` });
    else if (total > value.days * 13) context.addIssue({ code: "custom", path: ["days"], message: `${total} hours is more than 13 a day over ${value.days} days: check the days` });
  });
export type TimesheetInput = z.output<typeof TimesheetFormSchema>;

export const ConfirmTimesheetSchema = z.object({ timesheetId: id("Choose the timesheet") });

export const QueryTimesheetSchema = z.object({
  timesheetId: id("Choose the timesheet"),
  reason: z
    .string({ required_error: "Say what the student should check" })
    .trim()
    .min(5, "Say what the student should check (at least 5 characters)")
    .max(MAX_QUERY_REASON_LENGTH, `Keep the reason to ${MAX_QUERY_REASON_LENGTH} characters or fewer`),
});

const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

export const RequirementFormSchema = z
  .object({
    profession: z.enum(PROFESSIONS, { errorMap: () => ({ message: "Choose the profession" }) }),
    minimumHours: z
      .number({ required_error: "Enter the minimum hours", invalid_type_error: "Enter the minimum hours as a number" })
      .positive("Enter the minimum hours as a number above 0")
      .max(MAX_REQUIREMENT_HOURS, `Enter at most ${MAX_REQUIREMENT_HOURS.toLocaleString("en-GB")} hours`)
      .refine((value) => Number.isInteger(value * 4), "Enter the hours in quarter hours (like 562.5)"),
    countsInPerson: checkbox,
    countsTelehealth: checkbox,
    countsSimulation: checkbox,
    simulationCapHours: z
      .number({ invalid_type_error: "Enter the cap in hours as a number" })
      .min(0, "Enter the cap as 0 or more hours")
      .max(MAX_REQUIREMENT_HOURS, `Enter at most ${MAX_REQUIREMENT_HOURS.toLocaleString("en-GB")} hours`)
      .refine((value) => Number.isInteger(value * 4), "Enter the cap in quarter hours")
      .optional(),
    simulationCapPercent: z
      .number({ invalid_type_error: "Enter the cap as a whole percentage" })
      .int("Enter the cap as a whole percentage")
      .min(0, "Enter a percentage from 0 to 100")
      .max(100, "Enter a percentage from 0 to 100")
      .optional(),
    source: z.string({ required_error: "Name the professional body and document" }).trim().min(2, "Name the professional body and document").max(200, "Keep the source to 200 characters or fewer"),
    sourceUrl: z.string().trim().url("Enter a web address starting https://").max(500, "Keep the address to 500 characters or fewer").startsWith("https://", "Enter a web address starting https://").optional(),
    notes: z.string().trim().max(1000, "Keep the notes to 1,000 characters or fewer").optional(),
    effectiveFrom: calendarDateField("Enter the date it applies from"),
  })
  .superRefine((value, context) => {
    if (!value.countsInPerson && !value.countsTelehealth && !value.countsSimulation) {
      context.addIssue({ code: "custom", path: ["countsInPerson"], message: "At least one kind of practice must count" });
    }
    const capped = value.simulationCapHours !== undefined || value.simulationCapPercent !== undefined;
    if (capped && !value.countsSimulation) {
      context.addIssue({ code: "custom", path: ["simulationCapHours"], message: "A cap applies only when simulation counts" });
    }
    if (value.simulationCapHours !== undefined && value.simulationCapPercent !== undefined) {
      context.addIssue({ code: "custom", path: ["simulationCapPercent"], message: "Give the cap in hours or as a percentage, not both" });
    }
    if (value.simulationCapHours !== undefined && value.simulationCapHours > value.minimumHours) {
      context.addIssue({ code: "custom", path: ["simulationCapHours"], message: "The cap cannot be more than the minimum hours" });
    }
  });
export type RequirementInput = z.output<typeof RequirementFormSchema>;
