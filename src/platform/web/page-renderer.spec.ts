import { AppConfig } from '../config/app-config.js';
import { KeyRing } from '../crypto/key-ring.js';
import { ASSETS } from './assets.js';
import { Flash } from './flash.js';
import { PageRenderer } from './page-renderer.js';

describe('the page renderer', () => {
  const config = new AppConfig();
  const renderer = new PageRenderer(new Flash(config, new KeyRing(config)));

  it('puts a page in the shared layout: language, landmarks, the event, the privacy link and the stylesheet', () => {
    const html = renderer.platform.render(
      'error',
      { title: 'Oops <b>', message: 'Something & more' },
      { title: 'Oops', event: { title: 'Meeting <i>', href: '/events/m', dates: '4 June 2026' } },
    );
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toMatch(/<main id="main"[^>]*>/);
    expect(html).toContain('<a href="/privacy">Privacy notice</a>');
    expect(html).toContain(`<link rel="stylesheet" href="${ASSETS['site.css'].url}">`);
    expect(html).toContain('Meeting &lt;i&gt;');
    expect(html).toContain('<h1>Oops &lt;b&gt;</h1>');
    expect(html).toContain('Something &amp; more');
  });

  it('has no inline style or script anywhere (the CSP allows neither)', () => {
    const html = renderer.platform.render('privacy', {}, { title: (m) => m.privacy.title, scripts: ['htmx.min.js'] });
    expect(html).not.toMatch(/<style|style=|<script(?![^>]*\ssrc=)/);
    expect(html).toContain(`<script src="${ASSETS['htmx.min.js'].url}" defer></script>`);
  });

  it('marks a personal page noindex and no-referrer in the markup too', () => {
    const html = renderer.platform.render('privacy', {}, { title: 'x', personal: true });
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
  });
});
