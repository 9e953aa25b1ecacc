import { getFormProps, useForm } from "@conform-to/react";
import { zodConstraint } from "~/platform/conform-zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { notFound, requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FieldErrors, FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { formatDateRange } from "~/vocabulary/labels";
import { transitionAllocation } from "~/marketplace/allocations.server";
import { getAllocationForUniversity, inviteStudent, listProgrammeChoices, listStudentsToName, studentInvitedMessage } from "~/marketplace/university-allocations.server";
import { redirectWithFlash } from "~/platform/flash.server";
import { ownAddress, parseSubmission } from "~/platform/form-submission.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { InviteStudentForm, InviteStudentSchema } from "./university.shared/invite-student-form";
import { AllocationStatusTag } from "./university.shared/status-tags";

const NameStudentsSchema = z.object({
  studentIds: z.array(z.string().trim().min(1).max(40)).max(500).default([]),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "UNIVERSITY");
  const allocation = await getAllocationForUniversity(user, params.allocationId ?? "");
  if (!allocation) throw notFound("Allocation not found");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const page = Number(url.searchParams.get("page")) || undefined;
  const selectedIds = url.searchParams.getAll("studentIds").filter((id) => id.length > 0 && id.length <= 40);
  const students = await listStudentsToName(user, {
    q: q || undefined,
    page,
    selectedIds,
    placement: {
      allocationId: allocation.id,
      programmeId: allocation.request.programmeId,
      yearOfStudy: allocation.request.yearOfStudy,
      startDate: allocation.request.startDate,
      endDate: allocation.request.endDate,
    },
  });
  return { allocation, q, ...students, programmes: await listProgrammeChoices(user) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "UNIVERSITY");
  const allocation = await getAllocationForUniversity(user, params.allocationId ?? "");
  if (!allocation) throw notFound("Allocation not found");
  const intent = form.get("intent") === "invite" ? "invite" : "name";

  if (intent === "invite") {
    const submission = parseSubmission(form, InviteStudentSchema);
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      // The role and the university come from the signed-in user, never from the form.
      await inviteStudent(user, { ...submission.value, yearOfStudy: Number(submission.value.yearOfStudy) });
    } catch (error) {
      // The role and university of an invitation are not on this form: a refusal of them shows above it.
      return refusalReply(error, submission, { intent }, { fields: ["email", "name", "programmeId", "yearOfStudy"] });
    }
    // The same words whether or not anything was sent: an address in use elsewhere is never confirmed.
    return redirectWithFlash(ownAddress(request), studentInvitedMessage(submission.value.email));
  }

  const submission = parseSubmission(form, NameStudentsSchema);
  if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
  try {
    await transitionAllocation(user, { allocationId: allocation.id, to: "STUDENTS_NAMED", studentIds: submission.value.studentIds });
  } catch (error) {
    return refusalReply(error, submission, { intent });
  }
  const count = submission.value.studentIds.length;
  return redirectWithFlash("/university/allocations", `${count} ${count === 1 ? "student has" : "students have"} been named.`);
}

type Student = ReturnType<typeof useLoaderData<typeof loader>>["students"][number];

export default function NameStudents() {
  const { allocation, q, students, selected: initiallySelected, window, cohortTotal, programmes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { pathname } = useLocation();
  const [selected, setSelected] = useState<Student[]>(initiallySelected);
  const [nameForm, nameFields] = useForm({
    id: "name-students",
    lastResult: actionData?.intent === "name" ? actionData.result : undefined,
    constraint: zodConstraint(NameStudentsSchema),
  });
  const selectedIds = new Set(selected.map((student) => student.id));
  const shown = [...selected, ...students.filter((student) => !selectedIds.has(student.id))];
  const label = `${allocation.offer.provider.name}: ${allocation.offer.site.name}`;
  const named = allocation.namedStudents.map((entry) => entry.student);
  const toggle = (student: Student, checked: boolean) =>
    setSelected((current) => (checked ? [...current.filter((s) => s.id !== student.id), student] : current.filter((s) => s.id !== student.id)));
  const hrefFor = (page: number) => {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    for (const student of selected) params.append("studentIds", student.id);
    if (page > 1) params.set("page", String(page));
    return `${pathname}?${params}`;
  };
  const idsError = nameFields.studentIds.errors;

  return (
    <>
      <PageHeader title="Name the students" caption={label} />
      <dl className="card mb-8 grid max-w-4xl grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-bold">Status</dt>
        <dd>
          <AllocationStatusTag status={allocation.status} />
        </dd>
        <dt className="font-bold">Request</dt>
        <dd>
          <Link to={`/university/requests/${allocation.request.id}`}>
            {allocation.request.programme.name}: {allocation.request.block.name}
          </Link>
          , year {allocation.request.yearOfStudy}
        </dd>
        <dt className="font-bold">Dates</dt>
        <dd>{formatDateRange(allocation.request.startDate, allocation.request.endDate)}</dd>
        <dt className="font-bold">Students</dt>
        <dd>{allocation.students}</dd>
      </dl>

      {allocation.status === "STUDENTS_NAMED" || allocation.status === "COMPLETED" ? (
        <section aria-labelledby="named-heading" className="max-w-3xl">
          <h2 id="named-heading">Named students</h2>
          <ul className="card list-disc pl-10">
            {named.map((student) => (
              <li key={student.id}>
                {student.name} ({student.email})
              </li>
            ))}
          </ul>
        </section>
      ) : allocation.status !== "ACCEPTED" ? (
        <FormMessage>
          {allocation.status === "CONFIRMED" || allocation.status === "PROPOSED" ? (
            <>
              Students can be named once the provider has confirmed the allocation and you have accepted it.{" "}
              <Link to="/university/allocations">Go to your allocations</Link>.
            </>
          ) : (
            "This allocation is no longer live, so no students can be named on it."
          )}
        </FormMessage>
      ) : (
        <section aria-labelledby="choose-heading" className="mb-10 max-w-4xl">
          <h2 id="choose-heading">
            Choose {allocation.students} {allocation.students === 1 ? "student" : "students"}
          </h2>
          <Form method="get" className="card mb-4 flex flex-wrap items-end gap-4" aria-label="Search students">
            {selected.map((student) => (
              <input key={student.id} type="hidden" name="studentIds" value={student.id} />
            ))}
            <div className="grow">
              <label htmlFor="q" className="field-label">
                Name or email
              </label>
              <input id="q" name="q" type="search" defaultValue={q} className="field-input" />
            </div>
            <button type="submit" className="btn-secondary">
              Search
            </button>
          </Form>

          <ErrorSummary errors={idsError?.length ? [{ id: "students-fieldset", message: idsError[0] }] : []} />
          {nameForm.errors && nameForm.errors.length > 0 && <FormMessage>{nameForm.errors.join(" ")}</FormMessage>}
          <Form method="post" {...getFormProps(nameForm)} className="card">
            <CsrfInput />
            <input type="hidden" name="intent" value="name" />
            <fieldset id="students-fieldset" tabIndex={-1} aria-describedby="students-count">
              <legend className="field-label">Students of your university</legend>
              <p className="field-hint">
                Students on {allocation.request.programme.name}, year {allocation.request.yearOfStudy} come first ({cohortTotal}). A student
                whose other placement overlaps these dates cannot be named.
              </p>
              <FieldErrors id={nameFields.studentIds.errorId} errors={idsError} />
              <p id="students-count" aria-live="polite" className="field-hint">
                {selected.length} of {allocation.students} chosen
              </p>
              {shown.length === 0 ? (
                <p className="mb-4">{q ? `No students match "${q}".` : "Your university has no active students yet. Invite them below."}</p>
              ) : (
                <ul className="mb-4">
                  {shown.map((student) => (
                    <li key={student.id} className="flex items-center gap-3 border-b border-nhs-grey-4 py-2">
                      <input
                        id={`student-${student.id}`}
                        type="checkbox"
                        name="studentIds"
                        value={student.id}
                        checked={selectedIds.has(student.id)}
                        onChange={(event) => toggle(student, event.target.checked)}
                        className="h-6 w-6"
                      />
                      <label htmlFor={`student-${student.id}`}>
                        {student.name} <span className="text-nhs-grey-1">({student.email})</span>
                        <span className="block text-nhs-grey-1">
                          {student.programmeName ? `${student.programmeName}, year ${student.yearOfStudy ?? "not recorded"}` : "Programme not recorded"}
                          {student.onCohort && " · on this programme and year"}
                        </span>
                        {student.otherPlacements.length > 0 && (
                          <span className="block">
                            Other placements:{" "}
                            {student.otherPlacements.map((other, index) => (
                              <span key={other.id}>
                                {index > 0 && "; "}
                                {other.providerName} {formatDateRange(other.startDate, other.endDate)}
                                {other.clashes && <strong className="text-nhs-red"> (overlaps these dates)</strong>}
                              </span>
                            ))}
                          </span>
                        )}
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </fieldset>
            {window.pageCount > 1 && (
              <nav aria-label="Student pages" className="mb-4 flex flex-wrap gap-4">
                <span>
                  Page {window.page} of {window.pageCount} ({window.total} students)
                </span>
                {window.page > 1 && <Link to={hrefFor(window.page - 1)}>Previous page</Link>}
                {window.page < window.pageCount && <Link to={hrefFor(window.page + 1)}>Next page</Link>}
              </nav>
            )}
            <button type="submit" className="btn">
              Name these students
            </button>
          </Form>
        </section>
      )}

      {allocation.status !== "STUDENTS_NAMED" && allocation.status !== "COMPLETED" && <InviteStudentForm programmes={programmes} defaults={{ programmeId: allocation.request.programmeId, yearOfStudy: allocation.request.yearOfStudy }} />}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Name the students · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
