import { Link } from "@remix-run/react";
import { PageHeader } from "./page-header";

/** The shell of each role's home page; later features add their panels as children. */
export function RoleHome({
  title,
  scopeName,
  intro,
  links,
  children,
}: {
  title: string;
  scopeName: string;
  intro: string;
  /** Optional: the header already lists the sections, so a home page leads with what needs attention. */
  links?: { to: string; label: string }[];
  children?: React.ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} caption={scopeName} />
      <p className="mb-6 max-w-3xl text-lg">{intro}</p>
      {children}
      {links && links.length > 0 && (
        <nav aria-label="Sections">
          <ul className="grid gap-4 sm:grid-cols-2">
            {links.map((link) => (
              <li key={link.to} className="card">
                <Link to={link.to} className="text-lg font-bold">
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </>
  );
}
