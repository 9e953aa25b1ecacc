import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { getUser } from "~/accounts/guards.server";
import { ROLE_HOME } from "~/vocabulary/roles";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(ROLE_HOME[user.role]);
  return null;
}

export default function Landing() {
  return (
    <div className="grid gap-8 md:grid-cols-3">
      <section className="md:col-span-2">
        <h1>Fair practice placements for Allied Health Professions</h1>
        <p className="mb-4 text-lg">
          Placement Exchange is where placement providers post capacity, universities request placements for their
          physiotherapy, occupational therapy, speech and language therapy and other AHP students, and every provider is
          benchmarked against its fair share of the region&apos;s placements.
        </p>
        <p className="mb-6">
          Placement expansion facilitators see shortfalls as they happen and resolve them; students browse opportunities and
          see their allocated placements.
        </p>
        <Link to="/sign-in" className="btn">
          Sign in
        </Link>
      </section>
      <aside className="card" aria-labelledby="who-heading">
        <h2 id="who-heading">Who it is for</h2>
        <ul className="list-disc pl-5">
          <li>Practice educators at NHS trusts, community and independent services</li>
          <li>University placement teams</li>
          <li>Placement expansion facilitators</li>
          <li>AHP students</li>
        </ul>
      </aside>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Placement Exchange" }];
