import { Linter } from 'eslint';
import { fileURLToPath } from 'node:url';
import { floorPlanPlugin } from './eslint-floor-plan.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function lint(file: string, code: string): string[] {
  const linter = new Linter({ cwd: ROOT });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { sourceType: 'module', ecmaVersion: 'latest' },
        plugins: { plenary: floorPlanPlugin },
        rules: { 'plenary/imports-point-left': 'error' },
      },
    ],
    { filename: `${ROOT}src/${file}` },
  );
  return messages.map((message) => message.message);
}

describe('the floor-plan lint rule', () => {
  it('lets a folder import from folders to its left and from itself', () => {
    expect(lint('registrations/x.service.ts', "import { a } from '../events/event.entity.js';")).toEqual([]);
    expect(lint('canvas/x.ts', "import { a } from '../platform/http/pagination.js';")).toEqual([]);
    expect(lint('agenda/pages/x.ts', "import { a } from '../sessions.service.js';")).toEqual([]);
    expect(lint('main.ts', "import { a } from './app/bootstrap.js';")).toEqual([]);
  });

  it('refuses an import that points right, naming both files', () => {
    const [message] = lint('platform/http/x.ts', "import { a } from '../../canvas/canvas.entity.js';");
    expect(message).toContain("'platform/http/x.ts' (floor 0) may not import 'canvas/canvas.entity.js' (floor 9)");
    expect(lint('outbox/x.ts', "export { a } from '../registrations/registration.entity.js';")).toHaveLength(1);
    expect(lint('events/x.ts', "const m = await import('../reminders/reminders.service.js');")).toHaveLength(1);
  });

  it('refuses imports between the side-by-side features', () => {
    expect(lint('awards/x.ts', "import { a } from '../canvas/canvas.entity.js';")).toHaveLength(1);
    expect(lint('evidence/x.ts', "import { a } from '../awards/ballot-seal.js';")).toHaveLength(1);
    expect(lint('canvas/x.ts', "import { a } from '../evidence/x.js';")).toHaveLength(1);
    expect(lint('awards/x.ts', "import { a } from '../evidence/x.js';")).toHaveLength(1);
  });

  it('lets evidence import the folders to its left, and only seed and app import it', () => {
    expect(lint('evidence/x.ts', "import { a } from '../reminders/reminder.composer.js';")).toEqual([]);
    expect(lint('evidence/x.ts', "import { a } from '../registrations/check-in/check-in.service.js';")).toEqual([]);
    expect(lint('app/x.ts', "import { a } from '../evidence/x.js';")).toEqual([]);
    expect(lint('reminders/x.ts', "import { a } from '../evidence/x.js';")).toHaveLength(1);
  });

  it('places agencies between identity and events', () => {
    expect(lint('agencies/x.ts', "import { a } from '../identity/guards/staff.guard.js';")).toEqual([]);
    expect(lint('registrations/x.ts', "import { a } from '../agencies/agencies.service.js';")).toEqual([]);
    expect(lint('agencies/x.ts', "import { a } from '../events/event.entity.js';")).toHaveLength(1);
    expect(lint('identity/x.ts', "import { a } from '../agencies/agencies.service.js';")).toHaveLength(1);
  });

  it('allows no exception: the imports that once went the wrong way are refused like any other', () => {
    expect(lint('events/events.service.ts', "import { a } from '../reminders/reminders.service.js';")).toHaveLength(1);
    expect(
      lint('identity/auth.module.ts', "import { a } from '../registrations/registration.entity.js';"),
    ).toHaveLength(1);
  });

  it('places link-officers between registrations and reminders', () => {
    expect(lint('link-officers/x.ts', "import { a } from '../registrations/dto/create-registration.dto.js';")).toEqual(
      [],
    );
    expect(lint('registrations/x.ts', "import { a } from '../link-officers/link-officers.service.js';")).toHaveLength(
      1,
    );
    expect(lint('reminders/x.ts', "import { a } from '../link-officers/link-officers.service.js';")).toEqual([]);
  });

  it('places agency-reports between the side-by-side features and seed', () => {
    expect(lint('agency-reports/x.ts', "import { a } from '../evidence/feedback-results.js';")).toEqual([]);
    expect(lint('agency-reports/x.ts', "import { a } from '../canvas/canvas.entity.js';")).toEqual([]);
    expect(lint('app/x.ts', "import { a } from '../agency-reports/x.js';")).toEqual([]);
    expect(lint('evidence/x.ts', "import { a } from '../agency-reports/x.js';")).toHaveLength(1);
    expect(lint('seed/x.ts', "import { a } from '../agency-reports/x.js';")).toEqual([]);
    expect(lint('agency-reports/x.ts', "import { a } from '../seed/x.js';")).toHaveLength(1);
  });

  it('asks for a new folder to be placed on the plan', () => {
    expect(lint('gadgets/x.ts', "import { a } from '../platform/x.js';")).toEqual([
      "'gadgets' is not on the floor plan (scripts/eslint-floor-plan.mjs): add it to FLOORS.",
    ]);
  });
});
