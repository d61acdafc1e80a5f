/**
 * The demo's agenda: a discrete-event schedule of actions ordered by
 * simulated time (a binary min-heap; ties run in the order they were added,
 * so a seed always replays the same way).
 *
 * @module
 */

/** An action due at a simulated instant. */
export interface ScheduledAction {
  /** Epoch milliseconds of simulated time. */
  readonly at: number;
  /** What to do; may schedule further actions. */
  readonly run: () => Promise<void>;
  /** A label for progress and debugging. */
  readonly label: string;
}

interface Entry extends ScheduledAction {
  readonly sequence: number;
}

const earlier = (a: Entry, b: Entry): boolean => a.at < b.at || (a.at === b.at && a.sequence < b.sequence);

/** A priority queue of actions by time. */
export class SimulationAgenda {
  private readonly heap: Entry[] = [];
  private sequence = 0;

  /** Adds an action. */
  schedule(at: number, label: string, run: () => Promise<void>): void {
    const entry: Entry = { at, label, run, sequence: this.sequence++ };
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const up = heap[parent];
      if (!up || !earlier(entry, up)) break;
      heap[i] = up;
      i = parent;
    }
    heap[i] = entry;
  }

  /** Removes and returns the earliest action, if any is due at or before `until`. */
  next(until: number): ScheduledAction | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (!top || top.at > until) return undefined;
    const last = heap.pop();
    if (last && heap.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = last;
        let at = -1;
        const l = heap[left];
        const r = heap[right];
        if (l && earlier(l, smallest)) {
          smallest = l;
          at = left;
        }
        if (r && earlier(r, smallest)) {
          smallest = r;
          at = right;
        }
        if (at < 0) break;
        heap[i] = smallest;
        i = at;
      }
      heap[i] = last;
    }
    return top;
  }

  /** How many actions are waiting. */
  get size(): number {
    return this.heap.length;
  }
}
