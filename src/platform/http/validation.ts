import { ValidationPipe } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';

/**
 * How every body and query is checked, by the API's global pipe and by the page forms alike,
 * so a form shows exactly the errors the API would answer with.
 */
export const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: false,
  validationError: { target: false, value: false },
};

export const apiValidationPipe = (): ValidationPipe => new ValidationPipe({ ...VALIDATOR_OPTIONS, transform: true });
