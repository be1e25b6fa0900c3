/**
 * An accepted report's status assessments, proposed as its items' new
 * status: one proposal per entry whose item exists, whose assessment says
 * something, differs from the item's status now, and that the secretariat
 * has neither applied nor dismissed. Nothing is proposed before acceptance.
 */
export type AssessedEntry<S extends string = string> = {
  entryId: string;
  itemId: string | null;
  assessment: S | null;
  itemStatus: S | null;
  review: 'applied' | 'dismissed' | null;
};

export function statusProposals<S extends string, E extends AssessedEntry<S>>(
  reportState: string,
  entries: readonly E[],
): E[] {
  if (reportState !== 'accepted') return [];
  return entries.filter(
    (e) => e.itemId !== null && e.assessment !== null && e.review === null && e.assessment !== e.itemStatus,
  );
}
