import { blankForm } from '../../platform/web/form.js';
import { enGB } from '../../platform/web/messages.en-GB.js';
import { registerPageView, registrationBody } from './register-page.view.js';

const event = { slug: 'meeting', timezone: 'Europe/London' };

describe('the register page view', () => {
  it('turns the form into the API’s body: consent a boolean, empty optional fields not given', () => {
    expect(registrationBody({ name: 'Ana', email: 'a@example.org', organisation: ' ', consent: 'yes' })).toEqual({
      name: 'Ana',
      email: 'a@example.org',
      consent: true,
    });
    expect(registrationBody({ name: '', email: '' })).toEqual({ name: '', email: '', consent: false });
  });

  it('shows the form while open, into the waiting list when full, and why not otherwise', () => {
    expect(registerPageView(event, { kind: 'open' }, blankForm(), enGB)).toMatchObject({
      open: true,
      full: false,
      button: 'Register',
      postTo: '/events/meeting/register',
    });
    expect(registerPageView(event, { kind: 'full' }, blankForm(), enGB)).toMatchObject({
      open: true,
      full: true,
      button: 'Join the waiting list',
    });
    expect(registerPageView(event, { kind: 'closed' }, blankForm(), enGB)).toMatchObject({
      open: false,
      shut: 'Registration is closed.',
    });
    expect(registerPageView(event, { kind: 'cancelled' }, blankForm(), enGB).shut).toContain('cancelled');
  });
});
