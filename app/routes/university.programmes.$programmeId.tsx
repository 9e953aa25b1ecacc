import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FormMessage, TextField } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { ScrollTable } from "~/components/scroll-table";
import { formatDateRange, weeksBetween } from "~/vocabulary/labels";
import { blockFormSchema, BlockIdSchema, editBlockFormSchema, MAX_BLOCK_WEEKS, ProgrammeFormSchema, toIsoDate } from "~/marketplace/programme-form";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { addBlock, getProgramme, removeBlock, updateBlock, updateProgramme } from "~/marketplace/programmes.server";
import { redirectWithFlash } from "~/platform/flash.server";
import { submitIntent } from "~/platform/form-submission.server";
import { fieldErrorsOf, ProgrammeFormFields } from "./university.shared/programme-form-fields";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "UNIVERSITY");
  const programme = await getProgramme(user, params.programmeId ?? "");
  if (!programme) throw notFound("Programme not found");
  return { programme };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "UNIVERSITY");
  const programme = await getProgramme(user, params.programmeId ?? "");
  if (!programme) throw notFound("Programme not found");
  const intent = String(form.get("intent") ?? "");
  const here = `/university/programmes/${programme.id}`;

  switch (intent) {
    case "programme":
      return submitIntent(form, intent, ProgrammeFormSchema, async (value) => {
        await updateProgramme(user, programme.id, value);
        return redirectWithFlash(here, "The programme has been saved.");
      });
    case "add-block":
      return submitIntent(form, intent, blockFormSchema(programme.years), async (value) => {
        await addBlock(user, programme.id, value);
        return redirectWithFlash(here, `The block ${value.name} has been added.`);
      });
    case "edit-block":
      return submitIntent(form, intent, editBlockFormSchema(programme.years), async ({ blockId, ...value }) => {
        await updateBlock(user, programme.id, blockId, value);
        return redirectWithFlash(here, `The block ${value.name} has been saved.`);
      });
    case "remove-block":
      return submitIntent(form, intent, BlockIdSchema, async ({ blockId }) => {
        const block = await removeBlock(user, programme.id, blockId);
        return redirectWithFlash(here, `The block ${block.name} has been removed.`);
      });
    default:
      throw new Response("Unknown action", { status: 400 });
  }
}

export default function ProgrammePage() {
  const { programme } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const editing = programme.blocks.find((block) => block.id === searchParams.get("edit"));
  const removeError = actionData?.intent === "remove-block" ? actionData.result : undefined;
  const removeMessage = removeError?.error ? Object.values(removeError.error).flat().filter(Boolean).join(" ") : null;

  return (
    <>
      <PageHeader title={programme.name} caption="Programme" />
      {removeMessage && <FormMessage>{removeMessage}</FormMessage>}

      <section aria-labelledby="blocks-heading" className="mb-10">
        <h2 id="blocks-heading">Placement blocks</h2>
        {programme.blocks.length === 0 ? (
          <p className="card mb-6">This programme has no placement blocks yet.</p>
        ) : (
          <ScrollTable label="Placement blocks, scrollable">
            <table className="data-table">
              <caption className="sr-only">Placement blocks of {programme.name}, by year of study and start date</caption>
              <thead>
                <tr>
                  <th scope="col">Block</th>
                  <th scope="col" className="text-right">
                    Year of study
                  </th>
                  <th scope="col">Dates</th>
                  <th scope="col" className="text-right">
                    Weeks
                  </th>
                  <th scope="col" className="text-right">
                    Requests
                  </th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {programme.blocks.map((block) => (
                  <tr key={block.id}>
                    <th scope="row" className="font-normal">
                      {block.name}
                    </th>
                    <td className="text-right">{block.yearOfStudy}</td>
                    <td>{formatDateRange(block.startDate, block.endDate)}</td>
                    <td className="text-right">{weeksBetween(block.startDate, block.endDate)}</td>
                    <td className="text-right">
                      {block.requestCount > 0 ? (
                        <Link to={`/university/requests?programmeId=${programme.id}`}>{block.requestCount}</Link>
                      ) : (
                        0
                      )}
                    </td>
                    <td>
                      <div className="flex flex-wrap gap-3">
                        <Link to={`?edit=${block.id}#edit-block-heading`}>
                          Edit<span className="sr-only"> {block.name}</span>
                        </Link>
                        <Form method="post">
                          <CsrfInput />
                          <input type="hidden" name="intent" value="remove-block" />
                          <input type="hidden" name="blockId" value={block.id} />
                          <button type="submit" className="text-nhs-red underline">
                            Remove<span className="sr-only"> {block.name}</span>
                          </button>
                        </Form>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}

        {editing ? (
          <BlockForm
            key={editing.id}
            intent="edit-block"
            years={programme.years}
            heading={`Edit the block ${editing.name}`}
            headingId="edit-block-heading"
            submitLabel="Save the block"
            block={editing}
            warning={editing.requestCount > 0 ? "This block has requests: changing its year or dates changes them too, unless students are already allocated." : undefined}
          />
        ) : (
          <BlockForm intent="add-block" years={programme.years} heading="Add a placement block" headingId="add-block-heading" submitLabel="Add the block" />
        )}
      </section>

      <section aria-labelledby="programme-heading" className="max-w-3xl">
        <h2 id="programme-heading">Programme details</h2>
        <ProgrammeDetailsForm programme={programme} />
      </section>
    </>
  );
}

function ProgrammeDetailsForm({ programme }: { programme: { name: string; profession: string; years: number; requestCount: number } }) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "programme",
    lastResult: actionData?.intent === "programme" ? actionData.result : undefined,
    defaultValue: { name: programme.name, profession: programme.profession, years: programme.years },
    constraint: zodConstraint(ProgrammeFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProgrammeFormSchema }),
  });
  return (
    <>
      <ErrorSummary errors={fieldErrorsOf(fields)} />
      {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      <Form method="post" {...getFormProps(form)} className="card">
        <CsrfInput />
        <input type="hidden" name="intent" value="programme" />
        <ProgrammeFormFields fields={fields} />
        {programme.requestCount > 0 && (
          <p className="mb-5 text-nhs-grey-1">
            This programme has {programme.requestCount} {programme.requestCount === 1 ? "request" : "requests"} for{" "}
            {PROFESSION_LABELS[programme.profession as keyof typeof PROFESSION_LABELS].toLowerCase()} students, so its profession stays.
          </p>
        )}
        <button type="submit" className="btn">
          Save the programme
        </button>
      </Form>
    </>
  );
}

function BlockForm({
  intent,
  years,
  heading,
  headingId,
  submitLabel,
  block,
  warning,
}: {
  intent: "add-block" | "edit-block";
  years: number;
  heading: string;
  headingId: string;
  submitLabel: string;
  block?: { id: string; name: string; yearOfStudy: number; startDate: Date | string; endDate: Date | string };
  warning?: string;
}) {
  const actionData = useActionData<typeof action>();
  // The edit schema only adds the hidden blockId, which the form renders itself.
  const schema = intent === "edit-block" ? (editBlockFormSchema(years) as unknown as ReturnType<typeof blockFormSchema>) : blockFormSchema(years);
  const [form, fields] = useForm({
    id: intent === "edit-block" ? `block-${block?.id}` : "add-block",
    lastResult: actionData?.intent === intent ? actionData.result : undefined,
    defaultValue: block
      ? { name: block.name, yearOfStudy: block.yearOfStudy, startDate: toIsoDate(block.startDate), endDate: toIsoDate(block.endDate) }
      : undefined,
    constraint: zodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <div className="mt-6 max-w-3xl">
      <h3 id={headingId}>{heading}</h3>
      {warning && <p className="mb-4 border-l-8 border-nhs-amber bg-white p-4">{warning}</p>}
      <ErrorSummary errors={fieldErrorsOf({ name: fields.name, yearOfStudy: fields.yearOfStudy, startDate: fields.startDate, endDate: fields.endDate })} />
      {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      <Form method="post" {...getFormProps(form)} className="card" aria-labelledby={headingId}>
        <CsrfInput />
        <input type="hidden" name="intent" value={intent} />
        {block && <input type="hidden" name="blockId" value={block.id} />}
        <TextField meta={fields.name} label="Block name" hint="For example Year 2 spring block. Each name is used once in a programme." />
        <TextField meta={fields.yearOfStudy} label="Year of study" type="number" hint={`From 1 to ${years}.`} className="max-w-xs" />
        <div className="grid gap-x-6 sm:grid-cols-2">
          <TextField meta={fields.startDate} label="Start date" type="date" hint="The first day of the placement." />
          <TextField meta={fields.endDate} label="End date" type="date" hint={`After the start date; at most ${MAX_BLOCK_WEEKS} weeks.`} />
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn">
            {submitLabel}
          </button>
          {block && <Link to=".">Cancel</Link>}
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.programme.name ?? "Programme"} · Placement Exchange` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
