/**
 * Checks a line before it is appended. The CLI silently drops lines it cannot deserialize when
 * it resumes, so a malformed payload would vanish from the resumed history; rejecting it at
 * write time turns that into an error the caller sees.
 */
import type { Spec } from "../validation/spec.js";
import { InvalidArgumentError } from "../errors.js";
import {
  CompactedItem,
  EventMsg,
  KnownEventMsg,
  KnownResponseItem,
  ResponseItem,
  WritableTurnContext,
} from "./rollout-schema.js";

/** A line the caller may append; `session_meta` is written only by `RolloutWriter.create`. */
export interface AppendableLine {
  type: "response_item" | "turn_context" | "event_msg" | "compacted";
  payload: unknown;
}

/** A validated line with its payload already turned into JSON. */
export interface SerializedLine {
  type: AppendableLine["type"] | "session_meta";
  payloadJson: string;
}

const knownResponseTypes: ReadonlySet<string> = new Set(
  KnownResponseItem.options.map((option) => option.shape.type.value),
);
const knownEventTypes: ReadonlySet<string> = new Set(KnownEventMsg.options.map((option) => option.shape.type.value));

function check<T>(schema: Spec<T>, value: unknown, what: string): void {
  const result = schema.safeParse(value);
  if (!result.success) {
    // Paths and messages only: values may be user content.
    const details = result.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join(".") || "(payload)"}: ${issue.message}`)
      .join("; ");
    throw new InvalidArgumentError(`Invalid ${what}: ${details}`);
  }
}

function checkResponseItem(item: unknown, what: string): void {
  check(ResponseItem, item, what);
  if (knownResponseTypes.has((item as { type: string }).type)) check(KnownResponseItem, item, what);
}

/** Validates `line` and serializes its payload; throws `InvalidArgumentError` when it is unusable. */
export function serializeAppendableLine(line: AppendableLine): SerializedLine {
  switch (line.type) {
    case "response_item":
      checkResponseItem(line.payload, "response_item payload");
      break;
    case "turn_context":
      check(WritableTurnContext, line.payload, "turn_context payload");
      break;
    case "event_msg":
      check(EventMsg, line.payload, "event_msg payload");
      if (knownEventTypes.has((line.payload as { type: string }).type)) {
        check(KnownEventMsg, line.payload, "event_msg payload");
      }
      break;
    case "compacted": {
      check(CompactedItem, line.payload, "compacted payload");
      const replacement = (line.payload as CompactedItem).replacement_history;
      for (const item of replacement ?? []) checkResponseItem(item, "compacted replacement_history item");
      break;
    }
    default:
      throw new InvalidArgumentError(`Cannot append a line of type ${JSON.stringify((line as { type: unknown }).type)}`);
  }
  let payloadJson: string;
  try {
    payloadJson = JSON.stringify(line.payload);
  } catch {
    throw new InvalidArgumentError(`The ${line.type} payload cannot be serialized to JSON`);
  }
  return { type: line.type, payloadJson };
}
