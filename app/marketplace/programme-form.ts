import { z } from "zod";
import { utcDaysBetween } from "~/platform/utc-days";
import { PROFESSIONS } from "~/vocabulary/roles";
import { isCalendarDate } from "~/vocabulary/calendar-date";

export const MAX_PROGRAMME_YEARS = 5;
export const MAX_BLOCK_WEEKS = 16;

function requiredText(message: string, max: number) {
  return z
    .string({ required_error: message })
    .trim()
    .min(1, message)
    .max(max, `Use ${max} characters or fewer`);
}

function wholeNumber(label: string, min: number, max: number) {
  const message = `Enter ${label} as a whole number from ${min} to ${max}`;
  return z
    .number({ required_error: `Enter ${label}`, invalid_type_error: message })
    .int(message)
    .min(min, message)
    .max(max, message);
}

/** A form date "YYYY-MM-DD" as a Date at UTC midnight (the @db.Date convention). */
export function isoDate(requiredMessage: string) {
  return z
    .string({ required_error: requiredMessage })
    .trim()
    .min(1, requiredMessage)
    .transform((value, context) => {
      const date = parseIsoDate(value);
      if (!date) {
        context.addIssue({ code: "custom", message: "Enter a real date, like 2027-01-11" });
        return z.NEVER;
      }
      return date;
    });
}

export function parseIsoDate(value: string): Date | null {
  return isCalendarDate(value) ? new Date(`${value}T00:00:00Z`) : null;
}

export { toIsoDate } from "~/platform/utc-days";

/** Days in an inclusive date window: Monday to Friday of one week is 5. */
export function inclusiveDays(start: Date, end: Date): number {
  return utcDaysBetween(start, end) + 1;
}

/** Why a block's dates are not acceptable, or null when they are. */
export function blockDatesProblem(start: Date, end: Date): string | null {
  if (end.getTime() <= start.getTime()) return "The end date must be after the start date";
  if (inclusiveDays(start, end) > MAX_BLOCK_WEEKS * 7) return `A placement block can be at most ${MAX_BLOCK_WEEKS} weeks long`;
  return null;
}

export const ProgrammeFormSchema = z.object({
  name: requiredText("Enter the programme's name", 200),
  profession: z.enum(PROFESSIONS, { errorMap: () => ({ message: "Choose the profession" }) }),
  years: wholeNumber("the length in years", 1, MAX_PROGRAMME_YEARS),
});
export type ProgrammeFormValue = z.output<typeof ProgrammeFormSchema>;

function blockFields(programmeYears: number) {
  const years = Math.max(1, Math.min(MAX_PROGRAMME_YEARS, programmeYears));
  return z.object({
    name: requiredText("Enter the block's name", 100),
    yearOfStudy: wholeNumber("the year of study", 1, years),
    startDate: isoDate("Enter the start date"),
    endDate: isoDate("Enter the end date"),
  });
}

function checkBlockDates(value: { startDate: Date; endDate: Date }, context: z.RefinementCtx) {
  // Zod still runs refinements after a field failed; only compare two real dates.
  if (!(value.startDate instanceof Date) || !(value.endDate instanceof Date)) return;
  const problem = blockDatesProblem(value.startDate, value.endDate);
  if (problem) context.addIssue({ code: "custom", path: ["endDate"], message: problem });
}

/** A placement block of a programme that lasts `programmeYears` years. */
export function blockFormSchema(programmeYears: number) {
  return blockFields(programmeYears).superRefine(checkBlockDates);
}
export type BlockFormValue = z.output<ReturnType<typeof blockFormSchema>>;

export function editBlockFormSchema(programmeYears: number) {
  return blockFields(programmeYears)
    .extend({ blockId: requiredText("Choose a block", 40) })
    .superRefine(checkBlockDates);
}

export const BlockIdSchema = z.object({ blockId: requiredText("Choose a block", 40) });
