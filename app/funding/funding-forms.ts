import { z } from "zod";
import { calendarDateField } from "~/vocabulary/calendar-date";
import { PROFESSIONS } from "~/vocabulary/roles";
import { FUNDING_UNITS, parsePounds } from "./funding-rules";

/** The most one programme or award may hold: £20 million, well inside a 32-bit count of pence. */
export const MAX_FUNDING_PENCE = 2_000_000_000;
const MAX_COUNT = 100_000;

function poundsField(requiredMessage: string) {
  return z
    .string({ required_error: requiredMessage })
    .trim()
    .transform((text, context) => {
      const pence = parsePounds(text);
      if (pence === null) {
        context.addIssue({ code: z.ZodIssueCode.custom, message: "Enter an amount in pounds, like 250000 or 1,199,633.50" });
        return z.NEVER;
      }
      if (pence > MAX_FUNDING_PENCE) {
        context.addIssue({ code: z.ZodIssueCode.custom, message: "Enter £20,000,000 or less" });
        return z.NEVER;
      }
      return pence;
    });
}

function wholeNumber(requiredMessage: string, min: number) {
  return z
    .number({ required_error: requiredMessage, invalid_type_error: "Enter a whole number" })
    .int("Enter a whole number")
    .min(min, min === 0 ? "Enter 0 or more" : `Enter ${min} or more`)
    .max(MAX_COUNT, "Enter 100,000 or fewer");
}

const notesField = z.string().trim().max(2000, "Keep the notes to 2,000 characters").optional();

function periodEndAfterStart<T extends { periodStart: string; periodEnd: string }>(value: T, context: z.RefinementCtx) {
  if (value.periodEnd < value.periodStart) {
    context.addIssue({ code: z.ZodIssueCode.custom, path: ["periodEnd"], message: "The period must end on or after its start" });
  }
}

export const ProgrammeFormSchema = z
  .object({
    name: z.string({ required_error: "Enter a name" }).trim().min(3, "Enter a name of 3 characters or more").max(200, "Keep the name to 200 characters"),
    amount: poundsField("Enter the programme's amount"),
    periodStart: calendarDateField("Enter the first day of the period"),
    periodEnd: calendarDateField("Enter the last day of the period"),
    ratePerWeek: poundsField("Enter an amount").optional(),
    notes: notesField,
  })
  .superRefine(periodEndAfterStart);
export type ProgrammeForm = z.output<typeof ProgrammeFormSchema>;

export const AwardFormSchema = z
  .object({
    providerId: z.string({ required_error: "Choose a provider" }).max(40, "Choose a provider"),
    profession: z.enum(PROFESSIONS, { errorMap: () => ({ message: "Choose a profession" }) }),
    periodStart: calendarDateField("Enter the first day of the award's period"),
    periodEnd: calendarDateField("Enter the last day of the award's period"),
    unit: z.enum(FUNDING_UNITS, { errorMap: () => ({ message: "Choose what the commitment counts" }) }),
    committed: wholeNumber("Enter the additional weeks or students committed", 1),
    baselineStudents: wholeNumber("Enter the baseline", 0).optional(),
    baselineWeeks: wholeNumber("Enter the baseline", 0).optional(),
    amount: poundsField("Enter the award's amount"),
    notes: notesField,
  })
  .superRefine(periodEndAfterStart);
export type AwardForm = z.output<typeof AwardFormSchema>;

export const PaymentFormSchema = z.object({
  payOn: calendarDateField("Enter the payment date"),
  amount: poundsField("Enter the payment's amount"),
  note: z.string().trim().max(200, "Keep the note to 200 characters").optional(),
});
export type PaymentForm = z.output<typeof PaymentFormSchema>;

export const RemovePaymentSchema = z.object({ paymentId: z.string({ required_error: "Choose a payment" }).max(40) });
