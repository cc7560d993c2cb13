import { InputError } from '@backstage/errors';
import { parentPort, Worker, workerData } from 'worker_threads';
import {
  EventBodyOptions,
  EventBodyResult,
  FailedEvent,
  parseEventBody,
} from './parseEventBody';
import { RequestBodyError } from './readRequestBody';
import { PreparedEvent, prepareEvent } from '../store/prepareEvent';

/** A body's valid events, and why each of the others was refused. */
export type ParsedEventBody = {
  valid: PreparedEvent[];
  failed: FailedEvent[];
};

type PreparedBodyResult = EventBodyResult<PreparedEvent>;

type Job = {
  id: number;
  body: Uint8Array;
  options: EventBodyOptions;
  resolve: (result: PreparedBodyResult) => void;
  reject: (error: unknown) => void;
  /** Gives up on the thread if it has not answered by then. */
  deadline: NodeJS.Timeout;
};

/**
 * Smaller bodies (single events, small batches) are parsed here: the hop
 * to a thread and back costs them more time than it saves this one.
 */
const MIN_THREAD_BYTES = 32 * 1024;

type ParserThread = {
  worker: Worker;
  jobs: Map<number, Job>;
  startedAt: number;
  /** Whether it answered a body: it worked. */
  answered: boolean;
};

const MAX_RESTART_DELAY_MS = 60_000;

/**
 * A worker's start: loading this module serves (see its end). TypeScript
 * sources need the transform to load.
 */
const WORKER_SOURCE = `
const { workerData } = require('worker_threads');
if (workerData.transform) require(workerData.transform);
require(workerData.module);
`;

/**
 * In a parser thread: parses each body posted, answering with its id; the
 * payloads deflated with `deflatePayloads`.
 */
function serveEventBodyParsing(deflatePayloads: boolean) {
  parentPort!.on(
    'message',
    ({ id, body, options }: Pick<Job, 'id' | 'body' | 'options'>) => {
      parentPort!.postMessage({
        id,
        result: parsePreparedBody(body, options, deflatePayloads),
      });
    },
  );
}

/**
 * The transform a worker needs to load this module from TypeScript source
 * (tests, `yarn start`), or none for built JavaScript. Workers start with no
 * loader flags of this process: tsx, say, does not work in them.
 */
function typeScriptTransform(): string | undefined {
  if (!__filename.endsWith('.ts')) return undefined;
  try {
    const transform = require.resolve(
      '@backstage/cli/config/nodeTransform.cjs',
    );
    // The transform's compiler, @swc/core, is a native addon that crashes
    // the process when a worker that loaded it exits, unless this thread
    // holds it too.
    require(require.resolve('@swc/core', {
      paths: [
        require.resolve('@backstage/cli-node/package.json', {
          paths: [transform],
        }),
      ],
    }));
    return transform;
  } catch {
    return undefined;
  }
}

/**
 * Parses and validates OpenLineage request bodies on worker threads, so
 * that the thread storing events spends less of its time on them. A thread
 * answers each valid event in the form the store projects (prepareEvent):
 * few objects and long strings, cheap to pass between threads, so that
 * this thread neither parses payloads again nor serializes their facets
 * (nor, for SQLite, deflates the payloads).
 * With no threads, or while a failed one is replaced, bodies are parsed
 * here.
 */
export class EventBodyParser {
  private readonly threads: ParserThread[] = [];
  private readonly transform: string | undefined;
  private readonly deflatePayloads: boolean;
  private nextId = 0;
  /** Replacements in a row that failed before they worked: each waits longer. */
  private failures = 0;
  private readonly restarts = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly options: {
      threads: number;
      onError?: (error: Error) => void;
      /**
       * Whether events are prepared with their payloads deflated: for a
       * store that keeps them so (OpenLineageEventStore.deflatesPayloads),
       * which then need not deflate them itself.
       */
      deflatePayloads?: boolean;
      /** How long a thread may take over a body; default a minute. */
      answerTimeoutMs?: number;
      /**
       * How long a failed thread's replacement waits to start; doubled, up
       * to a minute, for each replacement in a row that failed before it
       * answered a body or ran a minute. Default a second.
       */
      restartDelayMs?: number;
    },
  ) {
    this.transform = options.threads > 0 ? typeScriptTransform() : undefined;
    this.deflatePayloads = options.deflatePayloads ?? false;
    for (let i = 0; i < options.threads; i++) {
      this.startThread();
    }
  }

  private startThread() {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: {
        module: __filename,
        transform: this.transform,
        deflatePayloads: this.deflatePayloads,
      },
    });
    const thread: ParserThread = {
      worker,
      jobs: new Map(),
      startedAt: Date.now(),
      answered: false,
    };
    worker.on(
      'message',
      ({ id, result }: { id: number; result: PreparedBodyResult }) => {
        const job = thread.jobs.get(id);
        if (!job) return;
        clearTimeout(job.deadline);
        thread.jobs.delete(id);
        thread.answered = true;
        if (thread.jobs.size === 0) worker.unref();
        job.resolve(result);
      },
    );
    const fail = (error: Error) => this.fail(thread, error);
    worker.on('error', fail);
    worker.on('messageerror', fail);
    worker.on('exit', code => {
      if (this.threads.includes(thread) && !this.stopped) {
        this.options.onError?.(
          new Error(`A parser thread exited with code ${code}`),
        );
      }
      this.retire(thread);
      this.replace(thread);
    });
    // Idle, a thread does not keep the process running; busy, it does.
    worker.unref();
    this.threads.push(thread);
  }

  /** Starts a thread in place of one that is gone, after a back-off. */
  private replace(gone: Pick<ParserThread, 'startedAt' | 'answered'>) {
    if (this.stopped) return;
    if (gone.answered || Date.now() - gone.startedAt >= MAX_RESTART_DELAY_MS) {
      this.failures = 0;
    }
    const delay = Math.min(
      MAX_RESTART_DELAY_MS,
      (this.options.restartDelayMs ?? 1_000) * 2 ** this.failures,
    );
    this.failures++;
    const restart = setTimeout(() => {
      this.restarts.delete(restart);
      if (this.stopped) return;
      try {
        this.startThread();
      } catch (error) {
        this.options.onError?.(error as Error);
        this.replace({ startedAt: Date.now(), answered: false });
      }
    }, delay);
    restart.unref();
    this.restarts.add(restart);
  }

  /**
   * The valid events of a body and the failures of the rest; throws for a
   * body that is not JSON or not the expected shape.
   */
  async parse(
    body: Buffer,
    options: EventBodyOptions,
  ): Promise<ParsedEventBody> {
    const result = await this.run(body, options);
    if (!result.ok) {
      if (result.status === 413) {
        throw new RequestBodyError(413, result.message);
      }
      throw new InputError(result.message);
    }
    return { valid: result.valid, failed: result.failed };
  }

  /** Threads running; fewer than asked while a failed one is replaced. */
  get threadCount(): number {
    return this.threads.length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.restarts.forEach(clearTimeout);
    this.restarts.clear();
    const threads = [...this.threads];
    threads.forEach(thread => this.retire(thread));
    await Promise.all(threads.map(({ worker }) => worker.terminate()));
  }

  private run(
    body: Buffer,
    options: EventBodyOptions,
  ): Promise<PreparedBodyResult> {
    const thread = this.threads.reduce<ParserThread | undefined>(
      (idlest, candidate) =>
        !idlest || candidate.jobs.size < idlest.jobs.size ? candidate : idlest,
      undefined,
    );
    if (!thread || body.length < MIN_THREAD_BYTES) {
      return Promise.resolve(
        parsePreparedBody(body, options, this.deflatePayloads),
      );
    }
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const timeoutMs = this.options.answerTimeoutMs ?? 60_000;
      const deadline = setTimeout(
        () =>
          this.fail(
            thread,
            new Error(`A parser thread did not answer within ${timeoutMs} ms`),
          ),
        timeoutMs,
      );
      thread.jobs.set(id, { id, body, options, resolve, reject, deadline });
      thread.worker.ref();
      thread.worker.postMessage({ id, body, options });
    });
  }

  private fail(thread: ParserThread, error: Error) {
    if (this.threads.includes(thread)) this.options.onError?.(error);
    this.retire(thread);
    thread.worker.terminate();
  }

  /** A thread that failed or exited: its bodies are parsed here instead. */
  private retire(thread: ParserThread) {
    const index = this.threads.indexOf(thread);
    if (index < 0) return;
    this.threads.splice(index, 1);
    for (const job of thread.jobs.values()) {
      clearTimeout(job.deadline);
      try {
        job.resolve(
          parsePreparedBody(job.body, job.options, this.deflatePayloads),
        );
      } catch (error) {
        job.reject(error);
      }
    }
    thread.jobs.clear();
  }
}

/**
 * A body's valid events in the form the store projects, which is cheap to
 * pass between threads: few objects, long strings or bytes.
 */
function parsePreparedBody(
  body: Uint8Array,
  options: EventBodyOptions,
  deflatePayload: boolean,
): PreparedBodyResult {
  const result = parseEventBody(body, options);
  return result.ok
    ? {
        ...result,
        valid: result.valid.map(event =>
          prepareEvent(event, { deflatePayload }),
        ),
      }
    : result;
}

// A parser thread serves when it loads this module rather than by calling
// an export: the production build drops exports that nothing imports.
if (workerData?.module === __filename) {
  serveEventBodyParsing(workerData.deflatePayloads);
}
