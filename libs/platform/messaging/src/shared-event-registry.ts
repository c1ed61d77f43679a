import { Injectable } from '@nestjs/common';
import { handlerName, type SharedEventHandler, type SharedProjection } from './shared-events.js';

/** Context modules register here what they build or do from other agencies' events. */
@Injectable()
export class SharedEventRegistry {
  private readonly handlers: SharedEventHandler[] = [];
  register(...handlers: SharedEventHandler[]): void {
    for (const handler of handlers) {
      if (this.handlers.some((h) => handlerName(h) === handlerName(handler))) {
        throw new Error(`a shared event handler named ${handlerName(handler)} is already registered`);
      }
      this.handlers.push(handler);
    }
  }
  all(): readonly SharedEventHandler[] {
    return this.handlers;
  }
  projections(): SharedProjection[] {
    return this.handlers.filter((h): h is SharedProjection => h.kind === 'projection');
  }
}
