import { getFormProps,useForm,type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { Form,Link } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { ErrorSummary,FormMessage,TextField } from "~/components/forms";
import { ScrollTable } from "~/components/scroll-table";
import {
SiteFormSchema
} from "~/organisations/organisation-forms";
import { fieldErrors,resultFor,rowErrors,RowButton,type ActionData,type LoaderData,type Organisation } from "./organisation-page";

export function SitesSection({
  organisation,
  editingSite,
  actionData,
  formKey,
}: {
  organisation: Organisation;
  editingSite: LoaderData["editingSite"];
  actionData: ActionData;
  formKey: string;
}) {
  const errors = rowErrors(actionData, "remove-site");
  return (
    <section aria-labelledby="sites-heading" className="mb-10">
      <h2 id="sites-heading">Sites</h2>
      {errors.length > 0 && <FormMessage>{errors.join(" ")}</FormMessage>}
      {organisation.sites.length === 0 ? (
        <p className="mb-6">No sites yet.</p>
      ) : (
        <ScrollTable label="Sites, scrollable">
          <table className="data-table">
            <caption className="sr-only">Sites of {organisation.name}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Postcode</th>
                <th scope="col" className="text-right">
                  Latitude
                </th>
                <th scope="col" className="text-right">
                  Longitude
                </th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {organisation.sites.map((site) => (
                <tr key={site.id}>
                  <th scope="row" className="font-normal">
                    {site.name}
                  </th>
                  <td className="whitespace-nowrap">{site.postcode}</td>
                  <td className="text-right">{site.latitude}</td>
                  <td className="text-right">{site.longitude}</td>
                  <td>
                    <div className="flex flex-wrap items-center gap-3">
                      <Link to={`?editSite=${site.id}#edit-site-heading`}>
                        Change<span className="sr-only"> {site.name}</span>
                      </Link>
                      <RowButton intent="remove-site" name="siteId" value={site.id} label="Remove" hiddenLabel={site.name} tone="warning" />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {editingSite && (
        <>
          <h3 id="edit-site-heading">Change {editingSite.name}</h3>
          <SiteForm
            key={`edit-site-${editingSite.id}-${formKey}`}
            intent="edit-site"
            site={editingSite}
            lastResult={resultFor(actionData, "edit-site")}
            submitLabel="Save the site"
          />
        </>
      )}
      <h3 id="add-site-heading">Add a site</h3>
      <SiteForm key={`add-site-${formKey}`} intent="add-site" lastResult={resultFor(actionData, "add-site")} submitLabel="Add the site" />
    </section>
  );
}

function SiteForm({
  intent,
  site,
  lastResult,
  submitLabel,
}: {
  intent: "add-site" | "edit-site";
  site?: { id: string; name: string; postcode: string; latitude: number; longitude: number };
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  // The site's id travels in a hidden field; the server checks it with EditSiteFormSchema.
  const [form, fields] = useForm({
    id: intent,
    lastResult,
    defaultValue: site ? { name: site.name, postcode: site.postcode, latitude: String(site.latitude), longitude: String(site.longitude) } : undefined,
    constraint: zodConstraint(SiteFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SiteFormSchema }),
  });
  return (
    <>
      <ErrorSummary errors={fieldErrors([fields.name, fields.postcode, fields.latitude, fields.longitude])} />
      {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      <Form method="post" {...getFormProps(form)} className="card mb-6 max-w-3xl">
        <CsrfInput />
        <input type="hidden" name="intent" value={intent} />
        {site && <input type="hidden" name="siteId" value={site.id} />}
        <TextField meta={fields.name} label="Site name" />
        <TextField meta={fields.postcode} label="Postcode" hint="A UK postcode, e.g. LS1 3EX." autoComplete="off" className="max-w-xs" />
        <div className="grid gap-x-6 sm:grid-cols-2">
          <TextField meta={fields.latitude} label="Latitude" hint="Decimal degrees, -90 to 90, e.g. 53.8027." type="number" />
          <TextField meta={fields.longitude} label="Longitude" hint="Decimal degrees, -180 to 180, e.g. -1.5522." type="number" />
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn">
            {submitLabel}
          </button>
          {site && <Link to=".">Cancel</Link>}
        </div>
      </Form>
    </>
  );
}
