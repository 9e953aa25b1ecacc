/** What the provider sees after changing an offer (the flash on the offer's page). */
export const OFFER_SAVED = "Your changes have been saved.";
export const OFFER_PUBLISHED = "The offer is published: universities can now book it.";

export function offerWithdrawnMessage(allocationsCancelled: number, studentsAffected: number): string {
  if (allocationsCancelled === 0) return "The offer has been withdrawn.";
  return (
    `The offer has been withdrawn. ${allocationsCancelled} ${allocationsCancelled === 1 ? "allocation was" : "allocations were"} cancelled: ` +
    `${studentsAffected} ${studentsAffected === 1 ? "student needs" : "students need"} another placement. ` +
    "The universities and the region's placement facilitators can see this."
  );
}
