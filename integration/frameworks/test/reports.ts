import type { AppReport } from '../src/app.ts';

/** Collects what an app reports and lets a test await the first report that matches. */
export class Reports {
  readonly all: AppReport[] = [];
  #waiters: Array<{ match: (report: AppReport) => boolean; resolve: (r: AppReport) => void }> = [];

  readonly push = (report: AppReport): void => {
    this.all.push(report);
    this.#waiters = this.#waiters.filter((waiter) => {
      if (!waiter.match(report)) return true;
      waiter.resolve(report);
      return false;
    });
  };

  /** The first report, already in or still to come, that `match` accepts. */
  next<R extends AppReport>(match: (report: AppReport) => report is R): Promise<R>;
  next(match: (report: AppReport) => boolean): Promise<AppReport>;
  next(match: (report: AppReport) => boolean): Promise<AppReport> {
    const found = this.all.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.#waiters.push({ match, resolve }));
  }
}
