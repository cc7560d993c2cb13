/**
 * Starts the backend, ending the process when start-up fails, so that what
 * runs it (a container orchestrator, systemd) restarts it. Backstage only
 * logs the rejection and the process stays up: on a replica whose plugins
 * did not start, the scheduler then still takes turns at tasks that run
 * once across replicas, and each of those turns fails.
 */
export async function startOrExit(
  backend: { start(): Promise<unknown> },
  exit: (code: number) => void = code => process.exit(code),
): Promise<void> {
  try {
    await backend.start();
  } catch (error) {
    console.error('meshwork: the backend did not start; exiting', error);
    exit(1);
  }
}
