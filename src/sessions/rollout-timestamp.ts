/**
 * Timestamp formats used inside rollout files and in their names. The CLI writes line and
 * session timestamps in UTC with milliseconds (`2025-05-07T17:24:21.123Z`), but names the file
 * and its day directory after the *local* time the session started.
 */

/** `YYYY-MM-DDThh:mm:ss.mmmZ` in UTC, the format of every `timestamp` field in a rollout. */
export function formatRolloutTimestamp(date: Date): string {
  return date.toISOString();
}

/** Local calendar parts of `date`, zero-padded as they appear in rollout paths. */
export function localDateParts(date: Date): {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
} {
  const pad = (value: number): string => String(value).padStart(2, "0");
  return {
    year: String(date.getFullYear()).padStart(4, "0"),
    month: pad(date.getMonth() + 1),
    day: pad(date.getDate()),
    hour: pad(date.getHours()),
    minute: pad(date.getMinutes()),
    second: pad(date.getSeconds()),
  };
}

/** `YYYY-MM-DDThh-mm-ss` in local time; dashes instead of colons keep the name valid on Windows. */
export function formatFileNameStamp(date: Date): string {
  const parts = localDateParts(date);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}-${parts.minute}-${parts.second}`;
}
