import type { Messages } from './messages.en-GB.js';

/** What a paged list shows around its rows: which of how many, and the links either side. */
export interface PagerView {
  showing: string;
  previous?: string;
  next?: string;
}

/**
 * The "Showing 51 to 100 of 120" line and the previous/next addresses of a list shown
 * `size` at a time from `offset`; `pathAt` gives the list's address at another offset.
 * `none` is the list's own words for an empty result.
 */
export function pager(
  page: { offset: number; size: number; shown: number; total: number },
  pathAt: (offset: number) => string,
  none: string,
  messages: Messages,
): PagerView {
  const { offset, size, shown, total } = page;
  const shownTo = Math.min(total, offset + shown);
  return {
    showing: total > 0 ? messages.paging.showing(offset + 1, shownTo, total) : none,
    previous: offset > 0 ? pathAt(Math.max(0, offset - size)) : undefined,
    next: shownTo < total ? pathAt(offset + size) : undefined,
  };
}
