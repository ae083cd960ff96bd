import type { Router } from 'express';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Persistence } from '../queue/persist.ts';
import type { PlanQueue } from '../queue/planQueue.ts';
import type { Store } from '../store/index.ts';

/** Everything the routes need; built once by the server (or by a test). */
export interface ApiDeps {
  readonly config: Config;
  readonly store: Store;
  readonly queue: PlanQueue;
  readonly log: Logger;
  /** The API process's queue listener; cancel uses it to settle a plan that just finished. */
  readonly persistence?: Persistence;
}

/** One resource: where it is mounted and how to build its router. */
export interface RouteModule {
  readonly mount: string;
  readonly router: (deps: ApiDeps) => Router;
}
