import { applyDecorators } from '@nestjs/common';
import { IsEmail, MaxLength, ValidateBy } from 'class-validator';
import { canonicalEmail } from '../mail/email-address.js';
import { Trim } from './single-line.js';

/**
 * An email address kept as typed (trimmed) for sending, refused when it hides look-alike or
 * invisible characters, so its canonical form (canonicalEmail) can be taken without a check.
 */
export const TypedEmailAddress = (): PropertyDecorator =>
  applyDecorators(
    Trim(),
    IsEmail({}, { message: 'email must be an email address' }),
    MaxLength(254),
    ValidateBy({
      name: 'canonicalEmail',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || canonicalEmail(value).ok,
        defaultMessage: (args) => {
          const result = typeof args?.value === 'string' ? canonicalEmail(args.value) : undefined;
          return result && !result.ok ? result.reason : 'email must be an email address';
        },
      },
    }),
  );
