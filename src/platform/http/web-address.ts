import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

const WEB_PROTOCOLS = new Set(['http:', 'https:']);

/** `text` parsed as an http(s) address without credentials, or undefined. */
function parsedWebAddress(text: string): URL | undefined {
  try {
    const url = new URL(text.trim());
    return WEB_PROTOCOLS.has(url.protocol) && !url.username && !url.password ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The address as the URL parser writes it (host lower-cased, spaces and quotes escaped); anything else as given. */
export const toWebAddress = (value: unknown): unknown =>
  typeof value === 'string' ? (parsedWebAddress(value)?.href ?? value) : value;

/** Whether `value` is an http(s) address without credentials, exactly as the URL parser writes it. */
export const isWebAddress = (value: unknown): boolean =>
  typeof value === 'string' && parsedWebAddress(value)?.href === value;

/**
 * An http(s) address taken only as the URL parser re-serialises it, so what is stored and later
 * put in a page's `src` or `href` is what a browser would have fetched: no stray quotes, spaces or
 * credentials. Trims; `null` and absent values are left to the other decorators.
 */
export const WebAddress = (message = 'must be an http(s) address'): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }) => toWebAddress(value)),
    ValidateBy({ name: 'isWebAddress', validator: { validate: isWebAddress, defaultMessage: () => message } }),
  );
