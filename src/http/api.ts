/** The JSON API under /api/v1: an OpenAPIHono whose validation failures become problem+json. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../errors.ts';
import type { AppEnv } from './env.ts';
import { fieldErrorsFromZod } from './problem.ts';

export function createApiRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError('invalid_input', 400, 'error.invalidInput', {
          fields: fieldErrorsFromZod(result.error, ''),
          detail: result.error.issues.map((i) => i.path.join('.')).join(', '),
        });
      }
    },
  });
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ example: 'not_found' }),
    instance: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const PROBLEMS = {
  409: 'Conflicts with the current state: `code` says which rule',
  410: 'The link was used, has expired or does not exist',
  412: 'The version in If-Match is not the current one',
  413: 'Too large: `errors` names the field',
  428: 'The If-Match header with the version the change is based on is missing',
  429: 'Too many requests: wait and try again',
} as const;

/** Problem answers of the given statuses, for the routes that give them. */
export function problemsFor<S extends keyof typeof PROBLEMS>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: PROBLEMS[status], content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  ) as unknown as {
    [K in S]: { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } };
  };
}

export const problemResponses = {
  400: {
    description: 'Malformed request: `errors` names each field',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  404: { description: 'Not found', content: { 'application/problem+json': { schema: ProblemSchema } } },
} as const;

export const LangQuery = z.object({
  lang: z
    .enum(['es', 'en'])
    .optional()
    .openapi({ description: 'Language of names and labels (default: Accept-Language)' }),
});

export const UuidParam = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' }, example: '0b6a3a9e-8c77-5d0e-9a43-2f0f7f3f1e11' }),
});

/** The JSON body of a request whose route reads it itself; malformed JSON is a 400 naming the body. */
export async function readJsonBody(c: { req: { json(): Promise<unknown> } }): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new AppError('invalid_input', 400, 'error.invalidInput', {
      fields: [{ field: 'body', messageKey: 'error.field.malformedJson' }],
    });
  }
}

/** The registered problem schema, for responses added to the document after generation. */
export const ProblemSchemaRef = { $ref: '#/components/schemas/Problem' };
