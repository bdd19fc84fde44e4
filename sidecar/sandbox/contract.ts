// Checks recorded stand-in exchanges against Atlassian's OpenAPI description of Jira Cloud, one
// operation at a time: path template and method, path and query parameters, request body and
// response body. Whole-document validation of that description fails, so each schema is compiled
// on its own and one that does not compile is skipped and named, not fatal.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import type { RecordedExchange } from './types.js';

/** One known defect of the published description, and how the check corrects it. */
export interface SpecException {
  what: string;
  patch(spec: OpenApiDocument): void;
}

export interface ContractProblem {
  exchange: string;
  operation?: string;
  where: string;
  messages: string[];
}

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
}
interface OperationObject {
  operationId?: string;
  parameters?: ParameterObject[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject | ParameterObject[]>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  literalSegments: number;
  operation: OperationObject;
}

// ajv-formats is CommonJS with a `default` property; under ESM the plugin is either the import or its default.
const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (
  ajv: Ajv,
) => Ajv;

/** Rewrites local `#/components/…` references so they resolve inside the registered components. */
function qualifyRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(qualifyRefs);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `jira${v}` : qualifyRefs(v),
    ]),
  );
}

/** Query and path values arrive as strings; coerce them to what the parameter schema says. */
function coerceParam(value: string | string[], schema: Record<string, unknown> | undefined): unknown {
  const type = schema?.type;
  const one = (v: string): unknown => {
    const itemType = type === 'array' ? (schema?.items as Record<string, unknown> | undefined)?.type : type;
    if (itemType === 'integer' || itemType === 'number') return v.trim() === '' ? v : Number(v);
    if (itemType === 'boolean') return v === 'true' ? true : v === 'false' ? false : v;
    return v;
  };
  if (type === 'array') return (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map(one);
  return Array.isArray(value) ? value.map(one) : one(value);
}

export class ContractChecker {
  private readonly ajv: Ajv;
  private readonly routes: Route[] = [];
  private readonly compiled = new Map<string, ValidateFunction | undefined>();
  /** Schemas that failed to compile, with the compiler's reason. */
  readonly skipped: { schema: string; reason: string }[] = [];
  /** Operations seen, by `METHOD template`. */
  readonly covered = new Set<string>();

  constructor(spec: OpenApiDocument, exceptions: readonly SpecException[]) {
    for (const exception of exceptions) exception.patch(spec);
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(this.ajv);
    this.ajv.addFormat(
      'int32',
      (v) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2 ** 31,
    );
    this.ajv.addFormat('int64', (v) => typeof v === 'number' && Number.isInteger(v));
    this.ajv.addSchema({ components: spec.components }, 'jira');
    for (const [template, item] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (method === 'parameters' || Array.isArray(operation)) continue;
        const segments = template.split('/');
        this.routes.push({
          method: method.toUpperCase(),
          template,
          operation,
          literalSegments: segments.filter((s) => !s.startsWith('{')).length,
          pattern: new RegExp(
            `^${segments.map((s) => (s.startsWith('{') ? '(?<' + s.slice(1, -1).replace(/\W/g, '_') + '>[^/]+)' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}$`,
          ),
        });
      }
    }
    // The most literal template wins (`/issue/createmeta/{p}/issuetypes` over `/issue/{key}/…`).
    this.routes.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  private validator(key: string, schema: unknown): ValidateFunction | undefined {
    if (!this.compiled.has(key)) {
      try {
        this.compiled.set(key, this.ajv.compile(qualifyRefs(schema) as object));
      } catch (error) {
        this.compiled.set(key, undefined);
        this.skipped.push({ schema: key, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return this.compiled.get(key);
  }

  private check(key: string, schema: unknown, data: unknown): string[] {
    const validate = this.validator(key, schema);
    if (!validate || validate(data)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`.trim());
  }

  /** Problems with one exchange; an empty list means it matches the description. */
  validate(exchange: RecordedExchange): ContractProblem[] {
    const label = `${exchange.method} ${exchange.path} → ${exchange.status}`;
    const route = this.routes.find((r) => r.method === exchange.method && r.pattern.test(exchange.path));
    if (!route)
      return [{ exchange: label, where: 'route', messages: ['no operation in the description matches'] }];
    const opName = `${route.method} ${route.template}`;
    this.covered.add(opName);
    const problems: ContractProblem[] = [];
    const report = (where: string, messages: string[]): void => {
      if (messages.length > 0) problems.push({ exchange: label, operation: opName, where, messages });
    };
    const params = route.operation.parameters ?? [];
    const pathValues = route.pattern.exec(exchange.path)?.groups ?? {};

    for (const p of params.filter((x) => x.in === 'path')) {
      const raw = pathValues[p.name.replace(/\W/g, '_')];
      if (raw === undefined) report(`path parameter ${p.name}`, ['missing']);
      else
        report(
          `path parameter ${p.name}`,
          this.check(
            `${opName} path ${p.name}`,
            p.schema ?? {},
            coerceParam(decodeURIComponent(raw), p.schema),
          ),
        );
    }
    const queryParams = params.filter((x) => x.in === 'query');
    for (const [name, value] of Object.entries(exchange.query)) {
      const p = queryParams.find((x) => x.name === name);
      if (!p) report(`query parameter ${name}`, ['not described for this operation']);
      else
        report(
          `query parameter ${name}`,
          this.check(`${opName} query ${name}`, p.schema ?? {}, coerceParam(value, p.schema)),
        );
    }
    for (const p of queryParams.filter((x) => x.required && !(x.name in exchange.query))) {
      report(`query parameter ${p.name}`, ['required but missing']);
    }

    const bodySchema = route.operation.requestBody?.content?.['application/json']?.schema;
    const hasBody =
      exchange.requestBody !== undefined &&
      !(
        typeof exchange.requestBody === 'object' &&
        exchange.requestBody !== null &&
        Object.keys(exchange.requestBody).length === 0 &&
        exchange.method === 'GET'
      );
    if (bodySchema !== undefined && hasBody)
      report('request body', this.check(`${opName} request`, bodySchema, exchange.requestBody));
    else if (bodySchema === undefined && hasBody && exchange.method !== 'GET')
      report('request body', ['the operation takes no JSON body']);

    // Injected faults answer outside the operation's contract on purpose; the request still counts.
    if (exchange.injected) return problems;
    const responses = route.operation.responses ?? {};
    const documented = responses[String(exchange.status)] ?? responses.default;
    if (!documented) {
      if (exchange.status < 300) report('response', [`status ${exchange.status} is not documented`]);
      return problems;
    }
    const responseSchema = documented.content?.['application/json']?.schema;
    if (responseSchema !== undefined && exchange.responseBody !== undefined) {
      report(
        `response ${exchange.status}`,
        this.check(`${opName} response ${exchange.status}`, responseSchema, exchange.responseBody),
      );
    }
    return problems;
  }
}

/** Reads the description from disk; `undefined` when it is not there (a fresh clone has none). */
export function readSpec(path: string): OpenApiDocument | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
  } catch {
    return undefined;
  }
}
