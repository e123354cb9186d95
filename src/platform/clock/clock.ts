import { Injectable } from '@nestjs/common';

/** The time, injected so rules can be tested at any moment. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
