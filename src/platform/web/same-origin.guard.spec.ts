import { isSameOriginRequest } from './same-origin.guard.js';

const APP = 'https://plenary.example.org';

describe('the Origin check of page forms', () => {
  it('lets the site’s own pages post', () => {
    expect(isSameOriginRequest({ origin: APP, host: 'internal:3000' }, APP)).toBe(true);
    // Reached by another name than APP_URL (a test, a second domain): the Origin names the host asked.
    expect(isSameOriginRequest({ origin: 'http://127.0.0.1:4000', host: '127.0.0.1:4000' }, APP)).toBe(true);
  });

  it('takes Fetch Metadata as the witness when no-referrer makes the browser send Origin: null', () => {
    expect(isSameOriginRequest({ origin: 'null', 'sec-fetch-site': 'same-origin' }, APP)).toBe(true);
    expect(isSameOriginRequest({ origin: 'null', 'sec-fetch-site': 'cross-site' }, APP)).toBe(false);
    expect(isSameOriginRequest({ 'sec-fetch-site': 'same-site' }, APP)).toBe(false);
  });

  it('refuses another site, a malformed Origin and a request with no witness at all', () => {
    expect(isSameOriginRequest({ origin: 'https://evil.example', host: 'plenary.example.org' }, APP)).toBe(false);
    expect(isSameOriginRequest({ origin: 'not a url', host: 'plenary.example.org' }, APP)).toBe(false);
    expect(isSameOriginRequest({ host: 'plenary.example.org' }, APP)).toBe(false);
    // A cross-site page cannot make Origin and Sec-Fetch-Site disagree in its favour.
    expect(isSameOriginRequest({ origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }, APP)).toBe(false);
  });
});
