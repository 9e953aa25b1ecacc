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
      return [home, { label: "Organisations", to: "/admin/organisations" }, { label: "Users", to: "/admin/users" }];
    case "FACILITATOR":
      return [home, { label: "Organisations", to: "/organisations" }];
    case "EDUCATOR":
    case "UNIVERSITY":
      return [home, ...ownOrganisation];
    case "STUDENT":
      return [home];
  }
}
