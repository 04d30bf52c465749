import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal';

/** A query on the bus: who asks, and what (the request's parameters, validated). */
export abstract class ReadQuery<P, R> extends Query<R> {
  constructor(
    readonly params: P,
    readonly principal: Principal,
  ) {
    super();
  }
}

/** Every answer says which projection position it reflects: at least every event up to it. */
export interface Positioned {
  asOfPosition: number;
}
