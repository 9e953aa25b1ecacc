import { getFormProps, useForm } from "@conform-to/react";
import { parseSubmission } from "~/platform/form-submission.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { formatDate } from "~/vocabulary/labels";
import { addComment, CommentSchema, deleteResource, getResource, RESOURCE_CATEGORY_LABELS, type ResourceCategory } from "~/resources/resources.server";
import { canCommentOnResources, canManageResources } from "~/resources/policy";
import { refusalReply } from "~/platform/refusal-reply.server";

/** The same limit as CommentSchema on the server (kept here: the component cannot import a .server module). */
const COMMENT_LIMIT = 2000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const { resource, comments } = await getResource(params.resourceId ?? "");
    return {
      resource: {
        id: resource.id,
        title: resource.title,
        summary: resource.summary,
        categoryLabel: RESOURCE_CATEGORY_LABELS[resource.category as ResourceCategory] ?? resource.category,
        tags: resource.tags,
        url: resource.url,
        fileName: resource.storedFile ? resource.fileName : null,
        fileSize: resource.fileSize,
        updatedAt: resource.updatedAt,
      },
      comments,
      canComment: canCommentOnResources(user),
      canManage: canManageResources(user),
    };
  } catch (error) {
    throw refusalReply(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const resourceId = params.resourceId ?? "";
  try {
    if (form.get("intent") === "delete") {
      await deleteResource(user, resourceId);
      return redirect("/resources");
    }
    const submission = parseSubmission(form, CommentSchema);
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    try {
      await addComment(user, resourceId, submission.value.body);
    } catch (error) {
      return refusalReply(error, (refusal) => ({ result: submission.reply({ fieldErrors: { body: [refusal.message] } }) }));
    }
    return { result: submission.reply({ resetForm: true }) };
  } catch (error) {
    throw refusalReply(error);
  }
}

export default function ResourcePage() {
  const { resource, comments, canComment, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult: actionData?.result, shouldValidate: "onBlur" });
  return (
    <>
      <PageHeader title={resource.title} caption={resource.categoryLabel} />
      <p className="mb-4">
        <Link to="/resources">Back to the library</Link>
      </p>
      <div className="card mb-6">
        <p className="mb-4 whitespace-pre-line">{resource.summary}</p>
        {resource.tags.length > 0 && <p className="mb-2 text-sm">Tags: {resource.tags.join(", ")}</p>}
        {resource.url && (
          <p className="mb-2">
            <a href={resource.url} rel="noopener noreferrer nofollow" target="_blank">
              Open the link<span className="sr-only"> (opens in a new tab)</span>
            </a>{" "}
            <span className="text-sm text-nhs-grey-1">({new URL(resource.url).hostname})</span>
          </p>
        )}
        {resource.fileName && (
          <p className="mb-2">
            <a href={`/resources/${resource.id}/file`} download>
              Download {resource.fileName}
            </a>{" "}
            {resource.fileSize ? <span className="text-sm text-nhs-grey-1">({Math.ceil(resource.fileSize / 1024)} KB)</span> : null}
          </p>
        )}
        <p className="text-sm text-nhs-grey-1">Updated {formatDate(resource.updatedAt)}</p>
      </div>
      {canManage && (
        <div className="mb-8 flex flex-wrap gap-3">
          <Link to={`/resources/${resource.id}/edit`} className="btn-secondary">
            Edit
          </Link>
          <Form method="post" onSubmit={(event) => (window.confirm("Delete this resource and its discussion?") ? undefined : event.preventDefault())}>
            <CsrfInput />
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="btn-warning">
              Delete
            </button>
          </Form>
        </div>
      )}
      <section aria-labelledby="discussion-heading">
        <h2 id="discussion-heading">Discussion ({comments.length})</h2>
        {comments.length === 0 ? (
          <p className="mb-6">No comments yet.</p>
        ) : (
          <ol className="mb-6 list-none space-y-3 p-0">
            {comments.map((comment) => (
              <li key={comment.id} className="card">
                <p className="mb-1 text-sm text-nhs-grey-1">
                  {comment.authorName}, {formatDate(comment.createdAt)}
                </p>
                <p className="whitespace-pre-line">{comment.body}</p>
              </li>
            ))}
          </ol>
        )}
        {canComment ? (
          <Form method="post" {...getFormProps(form)} className="card">
            <CsrfInput />
            <input type="hidden" name="intent" value="comment" />
            <label htmlFor={fields.body.id} className="field-label">
              Add a comment
            </label>
            <span id={`${fields.body.id}-hint`} className="field-hint">
              Up to {COMMENT_LIMIT} characters. Do not name students.
            </span>
            {fields.body.errors && (
              <p id={fields.body.errorId} className="field-error">
                {fields.body.errors.join(". ")}
              </p>
            )}
            <textarea
              key={fields.body.key}
              id={fields.body.id}
              name={fields.body.name}
              rows={4}
              maxLength={COMMENT_LIMIT}
              required
              aria-invalid={fields.body.errors ? true : undefined}
              aria-describedby={[`${fields.body.id}-hint`, fields.body.errors ? fields.body.errorId : null].filter(Boolean).join(" ")}
              className="field-input mb-4"
            />
            <button type="submit" className="btn">
              Post comment
            </button>
          </Form>
        ) : (
          <p className="card">Students can read the discussion but not post in it.</p>
        )}
      </section>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.resource.title ?? "Resource"} · Placement Exchange` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
