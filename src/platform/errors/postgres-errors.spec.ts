import { describeConstraint, mapPostgresError } from './postgres-errors.js';

describe('mapPostgresError', () => {
  it('maps a unique violation to 409 without echoing the detail', () => {
    const mapped = mapPostgresError({ code: '23505', detail: 'Key (email)=(a@b.c) already exists.' });
    expect(mapped?.status).toBe(409);
    expect(mapped?.message).not.toContain('a@b.c');
  });

  it('uses a registered sentence for a named constraint', () => {
    describeConstraint('uq_test_thing', 'That thing is already there.');
    expect(mapPostgresError({ code: '23505', constraint: 'uq_test_thing' })?.message).toBe(
      'That thing is already there.',
    );
  });

  it('maps malformed text to 400 and leaves unknown codes alone', () => {
    expect(mapPostgresError({ code: '22P02' })?.status).toBe(400);
    expect(mapPostgresError({ code: '53300' })).toBeUndefined();
  });
});
