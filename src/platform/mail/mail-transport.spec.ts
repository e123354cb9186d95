import { bracketedRecipient } from './mail-transport.js';

const message = (to: string) =>
  Buffer.from(`From: Plenary <no-reply@example.org>\r\nTo: ${to}\r\nSubject: Hi\r\n\r\nTo: body@example.org\r\n`);

describe('bracketedRecipient', () => {
  it('writes a lone bare address in angle brackets, in the header block only', () => {
    expect(bracketedRecipient(message('ann@example.org')).toString()).toBe(
      'From: Plenary <no-reply@example.org>\r\nTo: <ann@example.org>\r\nSubject: Hi\r\n\r\nTo: body@example.org\r\n',
    );
  });

  it('leaves a To that already has a name or brackets as it is', () => {
    for (const to of ['<ann@example.org>', 'Ann <ann@example.org>']) {
      expect(bracketedRecipient(message(to)).toString()).toBe(message(to).toString());
    }
  });
});
