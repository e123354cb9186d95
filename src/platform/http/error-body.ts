import { reasonPhrase } from '../errors/http-status.js';

/** The one error shape of the API (see API.md). */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  requestId?: string;
}

export const errorBody = (statusCode: number, message: string | string[], requestId?: string): ErrorBody => ({
  statusCode,
  error: reasonPhrase(statusCode),
  message,
  ...(requestId ? { requestId } : {}),
});
