import { z } from "zod";

/** NCSC-style: long beats complex; refuse the obvious. */
export const NewPasswordSchema = z
  .string({ required_error: "Enter a password" })
  .min(12, "Use at least 12 characters")
  .max(200, "Use at most 200 characters")
  .refine((value) => !/^(.)\1*$/.test(value), "Choose a password that is not one character repeated")
  .refine(
    (value) => !["password1234", "123456789012", "qwertyuiopas", "placementexchange"].includes(value.toLowerCase()),
    "Choose a less common password",
  );
