/**
 * Shapes of what the SDK checks at run time (option bags, config.toml, wire events, session lines,
 * tool arguments), described once with `s` (the subset of zod's API we use) and checked in two
 * steps (src/validation/check-spec.ts): a plain-JavaScript check that answers the common, valid
 * input without loading zod, then zod itself for everything else, so errors keep zod's messages.
 * Loading zod costs an idle process ~2.7 MiB PSS; a process that only runs turns never loads it.
 */
import { checkSpec, type SpecResult } from "./check-spec.js";

/** One node of a shape description (what {@link Spec} wraps). */
export type SpecNode =
  | { kind: "string"; min?: number; pattern?: RegExp; patternMessage?: string; url?: boolean }
  | { kind: "number"; int?: boolean; min?: number; max?: number; positive?: boolean }
  | { kind: "boolean" }
  | { kind: "unknown" }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "literal"; value: string }
  | { kind: "array"; item: SpecNode; min?: number }
  | { kind: "record"; key: SpecNode; value: SpecNode }
  | { kind: "object"; shape: Readonly<Record<string, SpecNode>>; mode: "strip" | "strict" | "loose" }
  | { kind: "union"; options: readonly SpecNode[] }
  | { kind: "instanceof"; type: abstract new (...args: never[]) => unknown }
  | { kind: "optional"; inner: SpecNode }
  | { kind: "nullable"; inner: SpecNode }
  | { kind: "default"; inner: SpecNode; value: () => unknown }
  | { kind: "discriminated"; key: string; options: readonly Extract<SpecNode, { kind: "object" }>[] }
  | { kind: "refine"; inner: SpecNode; check: (value: never) => boolean; message: string };

/** A shape whose valid values parse to `Output` (and are given as `Input`). */
export class Spec<Output = unknown, Input = Output> {
  /** Type-level only: the parsed value's type (see {@link Infer}). */
  declare readonly _output: Output;
  /** Type-level only: the accepted input's type (see {@link InferInput}). */
  declare readonly _input: Input;

  constructor(readonly node: SpecNode) {}

  optional(): Spec<Output | undefined, Input | undefined> {
    return new Spec({ kind: "optional", inner: this.node });
  }

  nullable(): Spec<Output | null, Input | null> {
    return new Spec({ kind: "nullable", inner: this.node });
  }

  /** `null` or `undefined` allowed. */
  nullish(): Spec<Output | null | undefined, Input | null | undefined> {
    return new Spec({ kind: "optional", inner: { kind: "nullable", inner: this.node } });
  }

  /** Valid only when `check` accepts the parsed value too. */
  refine(check: (value: Output) => boolean, message: string): Spec<Output, Input> {
    return new Spec({ kind: "refine", inner: this.node, check: check as (value: never) => boolean, message });
  }

  /** `undefined` becomes `value` (a copy of an object or array, or what it returns when it is a function). */
  default(value: Output | (() => Output)): Spec<Output, Input | undefined> {
    const make =
      typeof value === "function"
        ? (value as () => Output)
        : typeof value === "object" && value !== null
          ? () => structuredClone(value)
          : () => value;
    return new Spec({ kind: "default", inner: this.node, value: make });
  }

  /** The parsed value, or the problems found (zod's issues when the input is not valid). */
  safeParse(value: unknown): SpecResult<Output> {
    return checkSpec(this.node, value) as SpecResult<Output>;
  }

  /** The parsed value; throws a `TypeError` listing the problems when the input is not valid. */
  parse(value: unknown): Output {
    const result = this.safeParse(value);
    if (result.success) return result.data;
    throw new TypeError(result.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; "));
  }
}

/** The parsed type of a spec (like `z.infer`). */
export type Infer<S extends Spec<unknown, unknown>> = S["_output"];
/** The input type of a spec (like `z.input`): keys with a default may be left out. */
export type InferInput<S extends Spec<unknown, unknown>> = S["_input"];

type Shape = Record<string, Spec<unknown, unknown>>;
type Flatten<T> = { [K in keyof T]: T[K] } & {};
type KeysAccepting<S extends Shape, Side extends "_output" | "_input"> = {
  [K in keyof S]: undefined extends S[K][Side] ? K : never;
}[keyof S];
type ObjectOf<S extends Shape, Side extends "_output" | "_input"> = Flatten<
  { [K in Exclude<keyof S, KeysAccepting<S, Side>>]: S[K][Side] } & { [K in KeysAccepting<S, Side>]?: S[K][Side] }
>;

class StringSpec extends Spec<string> {
  constructor(override readonly node: Extract<SpecNode, { kind: "string" }>) {
    super(node);
  }
  /** At least `length` UTF-16 code units. */
  min(length: number): StringSpec {
    return new StringSpec({ ...this.node, min: length });
  }
  regex(pattern: RegExp, message?: string): StringSpec {
    return new StringSpec({ ...this.node, pattern, ...(message === undefined ? {} : { patternMessage: message }) });
  }
  /** A URL as zod's `z.string().url()` accepts it (always checked by zod). */
  url(): StringSpec {
    return new StringSpec({ ...this.node, url: true });
  }
}

class NumberSpec extends Spec<number> {
  constructor(override readonly node: Extract<SpecNode, { kind: "number" }>) {
    super(node);
  }
  /** A safe integer. */
  int(): NumberSpec {
    return new NumberSpec({ ...this.node, int: true });
  }
  positive(): NumberSpec {
    return new NumberSpec({ ...this.node, positive: true });
  }
  nonnegative(): NumberSpec {
    return this.min(0);
  }
  min(bound: number): NumberSpec {
    return new NumberSpec({ ...this.node, min: bound });
  }
  max(bound: number): NumberSpec {
    return new NumberSpec({ ...this.node, max: bound });
  }
}

class ArraySpec<Item extends Spec<unknown, unknown>> extends Spec<Array<Item["_output"]>, Array<Item["_input"]>> {
  constructor(override readonly node: Extract<SpecNode, { kind: "array" }>) {
    super(node);
  }
  /** At least `length` items. */
  min(length: number): ArraySpec<Item> {
    return new ArraySpec({ ...this.node, min: length });
  }
}

class LiteralSpec<Value extends string> extends Spec<Value> {
  constructor(readonly value: Value) {
    super({ kind: "literal", value });
  }
}

type Extras<Loose extends boolean> = Loose extends true ? { [key: string]: unknown } : unknown;

/** An object spec (see `s.object`); `Loose` objects keep unknown keys. */
export class ObjectSpec<S extends Shape, Loose extends boolean = false> extends Spec<
  ObjectOf<S, "_output"> & Extras<Loose>,
  ObjectOf<S, "_input"> & Extras<Loose>
> {
  constructor(
    override readonly node: Extract<SpecNode, { kind: "object" }>,
    /** The fields, for spreading into a larger object. */
    readonly shape: S,
  ) {
    super(node);
  }
  /** Unknown keys are an error (they are dropped otherwise). */
  strict(): ObjectSpec<S, false> {
    return new ObjectSpec({ ...this.node, mode: "strict" }, this.shape);
  }
  /** The same object with more (or replaced) fields. */
  extend<Extra extends Shape>(extra: Extra): ObjectSpec<Flatten<Omit<S, keyof Extra> & Extra>, Loose> {
    return objectOf({ ...this.shape, ...extra } as Flatten<Omit<S, keyof Extra> & Extra>, this.node.mode);
  }
  /** The same object without the fields named in `keys`. */
  omit<K extends keyof S & string>(keys: Record<K, true>): ObjectSpec<Flatten<Omit<S, K>>, Loose> {
    const shape = Object.fromEntries(Object.entries(this.shape).filter(([key]) => !Object.hasOwn(keys, key)));
    return objectOf(shape as Flatten<Omit<S, K>>, this.node.mode);
  }
}

class DiscriminatedUnionSpec<Options extends readonly ObjectSpec<Shape, boolean>[]> extends Spec<
  Options[number]["_output"],
  Options[number]["_input"]
> {
  constructor(
    key: string,
    /** The alternatives, in order. */
    readonly options: Options,
  ) {
    super({ kind: "discriminated", key, options: options.map((option) => option.node) });
  }
}

function objectOf<S extends Shape, Loose extends boolean>(shape: S, mode: "strip" | "strict" | "loose"): ObjectSpec<S, Loose> {
  const nodes = Object.fromEntries(Object.entries(shape).map(([key, spec]) => [key, spec.node]));
  return new ObjectSpec({ kind: "object", shape: nodes, mode }, shape);
}

/** The spec builders, named as in zod. */
export const s = {
  string: (): StringSpec => new StringSpec({ kind: "string" }),
  number: (): NumberSpec => new NumberSpec({ kind: "number" }),
  boolean: (): Spec<boolean> => new Spec({ kind: "boolean" }),
  unknown: (): Spec<unknown> => new Spec({ kind: "unknown" }),
  enum: <const Values extends readonly [string, ...string[]]>(values: Values): Spec<Values[number]> =>
    new Spec({ kind: "enum", values }),
  literal: <const Value extends string>(value: Value): LiteralSpec<Value> => new LiteralSpec(value),
  array: <Item extends Spec<unknown, unknown>>(item: Item): ArraySpec<Item> => new ArraySpec({ kind: "array", item: item.node }),
  record: <Value extends Spec<unknown, unknown>>(
    key: Spec<string>,
    value: Value,
  ): Spec<Record<string, Value["_output"]>, Record<string, Value["_input"]>> =>
    new Spec({ kind: "record", key: key.node, value: value.node }),
  /** Unknown keys are dropped (`.strict()` rejects them). */
  object: <S extends Shape>(shape: S): ObjectSpec<S, false> => objectOf(shape, "strip"),
  /** Unknown keys are kept as they are. */
  looseObject: <S extends Shape>(shape: S): ObjectSpec<S, true> => objectOf(shape, "loose"),
  /** The first option that accepts the value decides. */
  union: <Options extends readonly Spec<unknown, unknown>[]>(
    options: Options,
  ): Spec<Options[number]["_output"], Options[number]["_input"]> =>
    new Spec({ kind: "union", options: options.map((option) => option.node) }),
  /** Objects told apart by the literal (or enum) value of their field `key`, as zod's. */
  discriminatedUnion: <const Options extends readonly ObjectSpec<Shape, boolean>[]>(key: string, options: Options): DiscriminatedUnionSpec<Options> =>
    new DiscriminatedUnionSpec(key, options),
  instanceof: <T>(type: abstract new (...args: never[]) => T): Spec<T> => new Spec({ kind: "instanceof", type }),
};
