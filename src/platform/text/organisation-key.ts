/**
 * The one way an organisation's name is compared: "Leeds City Council", " leeds  city
 * council." and "LEEDS CITY COUNCIL" are one organisation. Compatibility forms folded (NFKC),
 * case ignored, "&" read as "and", punctuation and repeated spaces dropped. Used for the
 * per-organisation cap, the own-organisation rule in awards and matching text to an agency
 * (by its name or one of its aliases). Blank text is no organisation.
 */
export function organisationKey(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const key = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return key === '' ? null : key;
}

/** Whether two organisation names name the same organisation (neither blank). */
export function sameOrganisation(a: string | null | undefined, b: string | null | undefined): boolean {
  const key = organisationKey(a);
  return key !== null && key === organisationKey(b);
}
