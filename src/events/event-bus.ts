import type { AppEvent } from './events.types.js';

type Listener = (event: AppEvent) => void;

/** In-process fan-out of committed events, in seq order. Listeners must not throw. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(committed: readonly AppEvent[]): void {
    for (const event of committed) for (const listener of this.listeners) listener(event);
  }
}
