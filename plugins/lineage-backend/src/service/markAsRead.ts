import { Response } from 'express';

const READ = 'meshworkLineageRead';

/**
 * Marks a request as a read though it is posted (a body too long for a
 * query): once its body is parsed, a store or catalog that cannot answer
 * it is worth retrying (503), as for GET.
 */
export function markAsRead(res: Response): void {
  res.locals[READ] = true;
}

/** Whether the request is a read: a GET, or marked so. */
export function isRead(method: string, res: Response): boolean {
  return method === 'GET' || res.locals[READ] === true;
}
