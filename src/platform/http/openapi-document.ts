import {
  ApiOkResponse,
  ApiSecurity,
  type OpenAPIObject,
  type OperationObject,
  type ResponseObject,
} from '@nestjs/swagger';
import { reasonPhrase } from '../errors/http-status.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** The one error shape of the API (ErrorBody in error-body.ts), as a schema. */
export const ERROR_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 404 },
    error: { type: 'string', description: 'The reason phrase of the status.', example: 'Not Found' },
    message: {
      description: 'What went wrong, written for a person; a list when several fields are invalid.',
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    },
    requestId: { type: 'string', description: 'Only on a 500: the id to quote when reporting it.' },
  },
} as const;

const errorResponse = (status: number, description?: string): ResponseObject => ({
  description: description ?? reasonPhrase(status),
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
});

/** The 4xx answers an operation can give, from what the document says about it. */
function clientErrors(path: string, operation: OperationObject): number[] {
  const statuses = new Set<number>();
  const hasInput = Boolean(operation.requestBody) || (operation.parameters ?? []).length > 0;
  if (hasInput) statuses.add(400);
  const secured = (operation.security ?? []).some((requirement) => Object.keys(requirement).length > 0);
  if (secured) {
    statuses.add(401);
    statuses.add(403);
  }
  if (/\{[^}]+\}/.test(path)) statuses.add(404);
  return [...statuses];
}

/**
 * Completes the generated document so a client generator has everything: the server, every
 * operation's security (an empty list where none is needed), and its 4xx answers in the one
 * error shape (those a decorator named keep their description and get the shape). Paths under
 * `undocumentedPrefixes` (former addresses kept for old clients) are left out.
 */
export function finishOpenApiDocument(
  document: OpenAPIObject,
  appUrl: string,
  undocumentedPrefixes: readonly string[] = [],
): OpenAPIObject {
  for (const path of Object.keys(document.paths)) {
    if (undocumentedPrefixes.some((prefix) => path.startsWith(prefix))) delete document.paths[path];
  }
  document.servers = [{ url: appUrl.replace(/\/+$/, ''), description: 'This deployment (APP_URL)' }];
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    ErrorResponse: { ...ERROR_RESPONSE_SCHEMA } as never,
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.security ??= [];
      operation.responses ??= {};
      for (const [code, response] of Object.entries(operation.responses)) {
        const status = Number(code);
        if (status >= 400 && status < 500 && response && !('$ref' in response) && !response.content) {
          operation.responses[code] = errorResponse(status, response.description);
        }
      }
      for (const status of clientErrors(path, operation)) {
        operation.responses[String(status)] ??= errorResponse(status);
      }
    }
  }
  return document;
}

/** Marks an operation that anyone may call, though a staff login changes what it answers. */
export const ApiAnonymousAllowed = (): MethodDecorator & ClassDecorator => ApiSecurity({});

/** A success response that is a file or a stream of the given media type, not JSON. */
export const ApiFileResponse = (mediaType: string, description: string): MethodDecorator & ClassDecorator =>
  ApiOkResponse({ description, content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } });
