import { parseNodeId } from '@meshwork/plugin-lineage-common';
import { isQuotedName, unquoteTableName } from './unquoteTableName';

/** Characters chat tools and web pages slip into a copied name, unseen. */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** A sentence's end or a list's comma after a pasted name. */
const TRAILING_PUNCTUATION = /[.,;:]+$/;

/** Object stores, whose datasets are folders of files and partitions. */
const OBJECT_STORE_PATH =
  /^((?:s3a?|gs|abfss?|wasbs?|hdfs|file):\/\/[^/\s]*[/\s]+)(\S.*)$/i;

/** A file's last segment, `part-0000.parquet`. */
const FILE_SEGMENT = /\.[a-z0-9]+$/i;

/** A Hive-style partition segment, `dt=2026-12-06`. */
const PARTITION_SEGMENT = /^[^=]+=[^=]*$/;

/** What Airflow's UI writes a DAG's and a task's ids as, in a path. */
const AIRFLOW_DAG =
  /\/dags\/([^/]+)(?:\/.*\/(?:tasks|taskInstances)\/([^/]+))?/;

/** `dag/task`, as Airflow's logs and alerts write a task. */
const DAG_SLASH_TASK = /^([\w.-]+)\/([\w.-]+)$/;

/**
 * What to search for in what on-call pasted, in order: the next is tried
 * when the one before finds no product. A lineage node id (as the Lineage
 * page's header and address show one) or that page's address reads as its
 * namespace and name; an Airflow address as the job OpenLineage reports
 * for it (`dag.task`, or the DAG's `dag`); a job written as OpenLineage
 * writes it, `<namespace>:<name>`, by its name; a table name quoted as an
 * engine's error quotes it, unquoted, also inside the error's line; a file
 * or partition of an object-store dataset, also as the dataset's folder.
 * Zero-width characters and a trailing `.`, `,`, `;` or `:` are dropped.
 */
export function searchTextsOf(typed: string): string[] {
  const text = typed
    .replace(ZERO_WIDTH, '')
    .trim()
    .replace(TRAILING_PUNCTUATION, '');
  const address = addressed(text);
  if (address !== undefined) return address;
  const node = nodeName(text);
  if (node !== undefined) return [node];
  const quoted = quotedIn(text);
  if (quoted !== undefined) return [unquoteTableName(quoted)];
  const texts = [unquoteTableName(text)];
  if (!text.includes('://') && !/\s/.test(text) && text.includes(':')) {
    // `<namespace>:<name>`, as OpenLineage and the README write a job: by
    // its name, as its node id `job:<namespace>:<name>` is read. BigQuery's
    // namespace is `bigquery`, so `bigquery:proj.ds.t` is its table too.
    const name = nodeName(`job:${text}`);
    if (name !== undefined) {
      if (/^bigquery:/i.test(text)) texts.unshift(name);
      else texts.push(name);
    }
  }
  const dagTask = DAG_SLASH_TASK.exec(text);
  if (dagTask) texts.push(`${dagTask[1]}.${dagTask[2]}`);
  const folder = datasetFolderOf(text);
  if (folder !== undefined) texts.push(folder);
  return [...new Set(texts)];
}

/**
 * What a pasted address names: the Lineage page's `?node=`, or an Airflow
 * page's DAG and task; undefined for anything else, a dataset's URI too.
 */
function addressed(text: string): string[] | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const node = url.searchParams.get('node');
  if (node !== null) return [nodeName(node) ?? unquoteTableName(node)];
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const inPath = AIRFLOW_DAG.exec(url.pathname);
  const decode = (segment?: string) =>
    segment === undefined ? undefined : decodeURIComponent(segment);
  const dag = url.searchParams.get('dag_id') ?? decode(inPath?.[1]);
  const task = url.searchParams.get('task_id') ?? decode(inPath?.[2]);
  if (!dag) return undefined;
  // The Airflow OpenLineage integration names a task's job `dag.task`.
  return [task ? `${dag}.${task}` : dag];
}

/**
 * A dataset or job node id's name, with its namespace when that is a URI
 * (parseSearchTerm reads only such a namespace).
 */
function nodeName(text: string): string | undefined {
  const node = parseNodeId(text);
  if (node?.type !== 'dataset' && node?.type !== 'job') return undefined;
  const [{ namespace, name }] = node.candidates;
  return namespace.includes('://') ? `${namespace} ${name}` : name;
}

/**
 * The one quoted name in a line, as an engine's error quotes a table:
 * `relation "checkout.orders" does not exist`; undefined with none or two.
 */
function quotedIn(text: string): string | undefined {
  if (!/\s/.test(text) || text.includes('://')) return undefined;
  const names = new Set(
    text
      .split(/\s+/)
      .map(word => word.replace(TRAILING_PUNCTUATION, ''))
      .filter(word => /["'`[]/.test(word) && isQuotedName(word)),
  );
  return names.size === 1 ? [...names][0] : undefined;
}

/**
 * An object-store dataset's folder, for a file or partition under it:
 * `s3://lake/raw/events` for `s3://lake/raw/events/dt=2026-12-06/part-0.parquet`.
 */
function datasetFolderOf(text: string): string | undefined {
  const match = OBJECT_STORE_PATH.exec(text);
  if (!match) return undefined;
  const segments = match[2].replace(/\/+$/, '').split('/');
  const kept = segments.length;
  if (segments.length > 1 && FILE_SEGMENT.test(segments.at(-1)!)) {
    segments.pop();
  }
  while (segments.length > 1 && PARTITION_SEGMENT.test(segments.at(-1)!)) {
    segments.pop();
  }
  return segments.length < kept
    ? `${match[1]}${segments.join('/')}`
    : undefined;
}
