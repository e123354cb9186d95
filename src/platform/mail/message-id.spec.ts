import { messageIdFor, senderDomain } from './message-id.js';

describe('Message-IDs', () => {
  it('sit on the domain of the From address', () => {
    expect(senderDomain('Plenary <no-reply@Events.Example.org>')).toBe('events.example.org');
    expect(senderDomain('no-reply@example.org')).toBe('example.org');
    expect(messageIdFor('1234', 'Plenary <no-reply@example.org>')).toBe('<1234@example.org>');
  });

  it('fall back to a valid name when the From has no usable domain', () => {
    expect(senderDomain('Plenary <no-reply@plenary>')).toBe('localhost');
    expect(senderDomain('nonsense')).toBe('localhost');
  });
});
