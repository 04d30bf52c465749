/**
 * What the simulation will do next: tasks keyed by simulated day, run in
 * (day, order scheduled) order — a binary heap, so the working set is the
 * pending tasks only, whatever the length of the history.
 */
export interface Task {
  day: number;
  seq: number;
  run: () => Promise<void> | void;
}

export class Agenda {
  private readonly heap: Task[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  add(day: number, run: Task['run']): void {
    const task: Task = { day, seq: this.seq++, run };
    const heap = this.heap;
    heap.push(task);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(task, heap[parent] as Task)) break;
      heap[i] = heap[parent] as Task;
      i = parent;
    }
    heap[i] = task;
  }

  peekDay(): number | null {
    return this.heap[0]?.day ?? null;
  }

  pop(): Task | null {
    const heap = this.heap;
    const top = heap[0];
    if (!top) return null;
    const last = heap.pop() as Task;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = last;
        let at = -1;
        if (l < heap.length && before(heap[l] as Task, smallest)) {
          smallest = heap[l] as Task;
          at = l;
        }
        if (r < heap.length && before(heap[r] as Task, smallest)) {
          smallest = heap[r] as Task;
          at = r;
        }
        if (at < 0) break;
        heap[i] = smallest;
        i = at;
      }
      heap[i] = last;
    }
    return top;
  }
}

const before = (a: Task, b: Task) => a.day < b.day || (a.day === b.day && a.seq < b.seq);
