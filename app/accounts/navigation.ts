import { ROLE_HOME, type RoleName } from "~/vocabulary/roles";

export interface NavItem {
  label: string;
  to: `/${string}`;
}

/** The main navigation each role sees; later features add their entries here. */
export function navigationFor(user: { role: RoleName; organisationId: string | null }): NavItem[] {
  const home = { label: "Home", to: ROLE_HOME[user.role] };
  const ownOrganisation: NavItem[] = user.organisationId ? [{ label: "Organisation", to: `/organisations/${user.organisationId}` }] : [];
  switch (user.role) {
    case "ADMIN":
      return [
        home,
        { label: "Organisations", to: "/admin/organisations" },
        { label: "Users", to: "/admin/users" },
        { label: "Workforce upload", to: "/admin/workforce/upload" },
        { label: "Thresholds", to: "/admin/settings" },
        { label: "Hours requirements", to: "/admin/hours" },
        { label: "Matching", to: "/facilitator/matching" },
        { label: "Funding", to: "/facilitator/funding" },
      ];
    case "FACILITATOR":
      return [
        home,
        { label: "Fair share", to: "/facilitator/fair-share" },
        { label: "Cases", to: "/facilitator/cases" },
        { label: "Quality", to: "/facilitator/quality" },
        { label: "Hours at risk", to: "/facilitator/hours" },
        { label: "Matching", to: "/facilitator/matching" },
        { label: "Funding", to: "/facilitator/funding" },
        { label: "Organisations", to: "/organisations" },
        { label: "Resources", to: "/resources" },
      ];
    case "EDUCATOR":
      return [
        home,
        { label: "Offers", to: "/provider/offers" },
        { label: "Allocations", to: "/provider/allocations" },
        { label: "Capacity", to: "/provider/capacity" },
        { label: "Audits", to: "/provider/audits" },
        { label: "Funding", to: "/provider/funding" },
        { label: "Timesheets", to: "/provider/timesheets" },
        { label: "Resources", to: "/resources" },
        { label: "Support", to: "/support" },
        ...ownOrganisation,
      ];
    case "UNIVERSITY":
      return [
        home,
        { label: "Requests", to: "/university/requests" },
        { label: "Programmes", to: "/university/programmes" },
        { label: "Opportunities", to: "/opportunities" },
        { label: "Allocations", to: "/university/allocations" },
        { label: "Students' hours", to: "/university/hours" },
        { label: "Resources", to: "/resources" },
        { label: "Support", to: "/support" },
        ...ownOrganisation,
      ];
    case "STUDENT":
      return [home, { label: "Opportunities", to: "/opportunities" }, { label: "My placements", to: "/student/placements" }, { label: "My hours", to: "/student/hours" }];
  }
}

/**
 * Whether the page at `pathname` lies in the section a navigation item leads to, as React Router's NavLink
 * decides it: the item's path itself or, unless `end`, any path below it; letter case aside.
 */
export function isInSection(pathname: string, to: string, end = false): boolean {
  const page = pathname.toLowerCase();
  const section = to.toLowerCase();
  if (page === section) return true;
  if (end) return false;
  const slashAt = section !== "/" && section.endsWith("/") ? section.length - 1 : section.length;
  return page.startsWith(section) && page.charAt(slashAt) === "/";
}
