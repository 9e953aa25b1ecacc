import type { Actor } from "~/accounts/policy";

/** Who may add, edit and delete resources. */
export function canManageResources(actor: Actor): boolean {
  return actor.role === "FACILITATOR" || actor.role === "ADMIN";
}

/** Who may post in a resource's discussion: everyone signed in except students. */
export function canCommentOnResources(actor: Actor): boolean {
  return actor.role !== "STUDENT";
}
