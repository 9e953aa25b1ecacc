// Not a route: the form that invites a student, with their programme and year of study.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { ErrorSummary, FormMessage, SelectField, TextField } from "~/components/forms";
import type { action } from "../university.allocations.$allocationId.students";

export const InviteStudentSchema = z.object({
  email: z
    .string({ required_error: "Enter the student's email address" })
    .trim()
    .toLowerCase()
    .email("Enter an email address like name@student.ac.uk")
    .max(254, "Use 254 characters or fewer"),
  name: z.string({ required_error: "Enter the student's full name" }).trim().min(1, "Enter the student's full name").max(200, "Use 200 characters or fewer"),
  programmeId: z.string({ required_error: "Choose the student's programme" }).trim().min(1, "Choose the student's programme").max(40),
  // A string here, so the form's select holds it; the action passes it on as a number.
  yearOfStudy: z.string({ required_error: "Choose the student's year of study" }).regex(/^[1-9]$/, "Choose the student's year of study"),
});

export function InviteStudentForm({
  programmes,
  defaults,
}: {
  programmes: { id: string; name: string; years: number }[];
  defaults: { programmeId: string; yearOfStudy: number };
}) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invite-student",
    lastResult: actionData?.intent === "invite" ? actionData.result : undefined,
    constraint: zodConstraint(InviteStudentSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteStudentSchema }),
    defaultValue: { programmeId: defaults.programmeId, yearOfStudy: String(defaults.yearOfStudy) },
  });
  const years = Math.max(...programmes.map((programme) => programme.years), defaults.yearOfStudy);
  const errors = [fields.name, fields.email, fields.programmeId, fields.yearOfStudy].filter((field) => field.errors?.length).map((field) => ({ id: field.id, message: field.errors![0] }));
  return (
    <section aria-labelledby="invite-heading" className="max-w-3xl">
      <h2 id="invite-heading">Invite a student</h2>
      <p className="mb-4">
        A student who is not in the list yet gets an email to set up their account. You can name them once they have accepted it.
      </p>
      <ErrorSummary errors={errors} />
      {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      <Form method="post" {...getFormProps(form)} className="card">
        <CsrfInput />
        <input type="hidden" name="intent" value="invite" />
        <TextField meta={fields.name} label="Full name" autoComplete="off" />
        <TextField meta={fields.email} label="Email address" type="email" autoComplete="off" />
        <SelectField
          meta={fields.programmeId}
          label="Programme"
          hint="This placement's programme is chosen for you."
          options={programmes.map((programme) => ({ value: programme.id, label: programme.name }))}
        />
        <SelectField
          meta={fields.yearOfStudy}
          label="Year of study"
          options={Array.from({ length: years }, (_, index) => ({ value: String(index + 1), label: `Year ${index + 1}` }))}
        />
        <button type="submit" className="btn-secondary">
          Send the invitation
        </button>
      </Form>
    </section>
  );
}
