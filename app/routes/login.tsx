import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

/** People type /login out of habit; the page is called sign-in. */
export function loader({ request }: LoaderFunctionArgs) {
  const { search } = new URL(request.url);
  return redirect(`/sign-in${search}`, 301);
}
