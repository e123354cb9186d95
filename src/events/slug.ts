import { isUUID } from 'class-validator';

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX = 80;

/** A URL-safe slug from a title: accents dropped, anything else becomes a hyphen. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX - 4)
    .replace(/-+$/g, '');
  return slug || 'event';
}

/** Slugs share the :eventId position with ids, so a slug may never look like one. */
export const isUsableSlug = (slug: string): boolean =>
  SLUG_PATTERN.test(slug) && slug.length <= SLUG_MAX && !isUUID(slug);

/** The first of base, base-2, base-3… not in `taken`. */
export function nextFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
