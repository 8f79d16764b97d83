import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';

/** A configuration value that failed to decode: where, what was expected, what arrived. */
export interface ConfigError {
  readonly _tag: 'ConfigError';
  /** Dotted path of the offending field, e.g. `policy.hiddenSizes.1`; empty for the whole value. */
  readonly path: string;
  readonly message: string;
}

/** Builds a {@link ConfigError}. */
export const configError = (path: string, message: string): ConfigError => ({ _tag: 'ConfigError', path, message });

/** One line per error: `path: message`. */
export const formatConfigErrors = (errors: readonly ConfigError[]): string =>
  errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('\n');

const describe = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

/** Turns io-ts errors into readable {@link ConfigError}s naming the innermost field. */
export const fromValidationErrors = (errors: t.Errors): ConfigError[] => {
  const seen = new Set<string>();
  const out: ConfigError[] = [];
  for (const error of errors) {
    const path = error.context.map((c) => c.key).filter((k) => k !== '').join('.');
    const expected = error.context[error.context.length - 1]?.type.name ?? 'a valid value';
    const message = error.message ?? `expected ${expected}, got ${describe(error.value)}`;
    const key = `${path}|${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(configError(path, message));
    }
  }
  return out;
};

/** Validates `value` with `codec`, reporting errors as {@link ConfigError}s. */
export const decodeWith = <A>(codec: t.Decoder<unknown, A>, value: unknown): E.Either<ConfigError[], A> =>
  pipe(codec.decode(value), E.mapLeft(fromValidationErrors));

/** Keys of `value` that `props` does not declare, as dotted paths (recursing into declared objects). */
export const unknownKeys = (props: t.Props, value: unknown, prefix = ''): string[] => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const codec = props[key];
    if (!codec) return [path];
    const innerProps = propsOf(codec);
    return innerProps ? unknownKeys(innerProps, inner, path) : [];
  });
};

const propsOf = (codec: t.Mixed): t.Props | null => {
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType) return codec.props as t.Props;
  if (codec instanceof t.ExactType || codec instanceof t.RefinementType || codec instanceof t.ReadonlyType) return propsOf(codec.type as t.Mixed);
  return null;
};

/** An integer within `[min, max]`. */
export const intIn = (min: number, max: number, name: string) =>
  new t.Type<number, number, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max,
    (u, c) => (typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max ? t.success(u) : t.failure(u, c, `expected ${name}, got ${describe(u)}`)),
    t.identity,
  );

/** A finite number within `[min, max]` (bounds inclusive unless `open`). */
export const numberIn = (min: number, max: number, name: string, open: { readonly min?: boolean; readonly max?: boolean } = {}) => {
  const ok = (u: unknown): u is number =>
    typeof u === 'number' && Number.isFinite(u) && (open.min ? u > min : u >= min) && (open.max ? u < max : u <= max);
  return new t.Type<number, number, unknown>(name, ok, (u, c) => (ok(u) ? t.success(u) : t.failure(u, c, `expected ${name}, got ${describe(u)}`)), t.identity);
};

/** One of a fixed set of strings. */
export const oneOf = <K extends string>(values: readonly K[], name: string) =>
  new t.Type<K, K, unknown>(
    name,
    (u): u is K => typeof u === 'string' && (values as readonly string[]).includes(u),
    (u, c) =>
      typeof u === 'string' && (values as readonly string[]).includes(u)
        ? t.success(u as K)
        : t.failure(u, c, `expected one of ${values.map((v) => `'${v}'`).join(', ')}, got ${describe(u)}`),
    t.identity,
  );
