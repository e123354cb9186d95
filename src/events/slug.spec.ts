import { isUsableSlug, nextFreeSlug, slugify } from './slug.js';

describe('slugify', () => {
  it('makes a readable slug from a title', () => {
    expect(slugify('Annual Meeting 2026')).toBe('annual-meeting-2026');
    expect(slugify('  Café & Crème — Réunion! ')).toBe('cafe-and-creme-reunion');
    expect(slugify('!!!')).toBe('event');
  });

  it('never produces a slug longer than the limit', () => {
    expect(slugify('a'.repeat(300)).length).toBeLessThanOrEqual(76);
  });
});

describe('isUsableSlug', () => {
  it('refuses uppercase, spaces and uuids', () => {
    expect(isUsableSlug('good-slug')).toBe(true);
    expect(isUsableSlug('Bad Slug')).toBe(false);
    expect(isUsableSlug('3f1c2a4e-1b2c-4d3e-8f9a-0b1c2d3e4f5a')).toBe(false);
  });
});

describe('nextFreeSlug', () => {
  it('counts up past taken ones', () => {
    expect(nextFreeSlug('x', new Set())).toBe('x');
    expect(nextFreeSlug('x', new Set(['x', 'x-2']))).toBe('x-3');
  });
});
