import { ROLE_HOME, type RoleName } from "./roles";

export interface NavItem {
  label: string;
  to: string;
}

/** The main navigation each role sees; later features add their entries here. */
export function navigationFor(user: { role: RoleName; organisationId: string | null }): NavItem[] {
  const home = { label: "Home", to: ROLE_HOME[user.role] };
  const ownOrganisation = user.organisationId ? [{ label: "Organisation", to: `/organisations/${user.organisationId}` }] : [];
  switch (user.role) {
    case "ADMIN":
      return [
        home,
        { label: "Organisations", to: "/admin/organisations" },
        { label: "Users", to: "/admin/users" },
        { label: "Thresholds", to: "/admin/settings" },
        { label: "Matching", to: "/facilitator/matching" },
      ];
    case "FACILITATOR":
      return [
        home,
        { label: "Matching", to: "/facilitator/matching" },
        { label: "Organisations", to: "/organisations" },
        { label: "Opportunities", to: "/opportunities" },
      ];
    case "EDUCATOR":
      return [
        home,
        { label: "Offers", to: "/provider/offers" },
        { label: "Allocations", to: "/provider/allocations" },
        { label: "Capacity", to: "/provider/capacity" },
        ...ownOrganisation,
      ];
    case "UNIVERSITY":
      return [
        home,
        { label: "Requests", to: "/university/requests" },
        { label: "Programmes", to: "/university/programmes" },
        { label: "Opportunities", to: "/opportunities" },
        { label: "Allocations", to: "/university/allocations" },
        ...ownOrganisation,
      ];
    case "STUDENT":
      return [home, { label: "Opportunities", to: "/opportunities" }, { label: "My placements", to: "/student/placements" }];
  }
}
