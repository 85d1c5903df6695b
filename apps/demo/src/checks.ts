/** One verified effect of the story. */
export interface CheckResult {
  step: string;
  label: string;
  ok: boolean;
  /** Why it failed (what was found instead). */
  detail?: string;
}

/** Collects the checks of the story and prints each as it is made. */
export class Checks {
  readonly results: CheckResult[] = [];
  readonly #write: (line: string) => void;
  #step = '';

  constructor(write: (line: string) => void) {
    this.#write = write;
  }

  /** Starts the checks of a step. */
  step(name: string): void {
    this.#step = name;
  }

  /** Records a check; `detail` is printed when it failed. */
  check(label: string, ok: boolean, detail?: string): boolean {
    const result: CheckResult = { step: this.#step, label, ok };
    if (!ok && detail !== undefined) result.detail = detail;
    this.results.push(result);
    this.#write(`   ${ok ? '✓' : '✗'} ${label}${ok || detail === undefined ? '' : ` — ${detail}`}`);
    return ok;
  }

  /** Records a step that could not run to its end. */
  fail(label: string, error: unknown): void {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.check(label, false, detail);
  }

  /** The failed checks. */
  get failures(): CheckResult[] {
    return this.results.filter((result) => !result.ok);
  }
}

/** `JSON.stringify` for a short "found instead" note. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 160 ? `${text.slice(0, 159)}…` : text;
}
