/** The domain of a From value such as `Plenary <no-reply@example.org>` or `no-reply@example.org`. */
export function senderDomain(from: string): string {
  const address = /<([^>]*)>/.exec(from)?.[1] ?? from;
  const domain = address
    .slice(address.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
  return /^[a-z0-9.-]+$/.test(domain) && domain.includes('.') ? domain : 'localhost';
}

/**
 * A Message-ID on the sender's own domain (spam filters score one whose right-hand side is no
 * real domain, like `@plenary`), with a stable left-hand side so a resend is recognised.
 */
export const messageIdFor = (localPart: string, from: string): string => `<${localPart}@${senderDomain(from)}>`;
