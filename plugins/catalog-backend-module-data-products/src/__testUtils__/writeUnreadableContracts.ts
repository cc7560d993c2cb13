import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

/**
 * Writes two contracts no reader may take as text into `folder`: a FIFO,
 * `pipe.yaml`, and a Latin-1 file, `latin1.yaml`. Returns what ends a read
 * still waiting on the FIFO (it holds a thread of the pool, so jest could
 * not end): a writer opening it.
 */
export function writeUnreadableContracts(folder: string): () => void {
  const fifo = path.join(folder, 'pipe.yaml');
  execFileSync('mkfifo', [fifo]);
  fs.writeFileSync(
    path.join(folder, 'latin1.yaml'),
    Buffer.from('name: café\n', 'latin1'),
  );
  return () => {
    try {
      fs.closeSync(
        fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK),
      );
    } catch {
      // No read waits on it.
    }
  };
}
