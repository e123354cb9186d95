import type { FastifyReply } from 'fastify';
import { addError, blankForm, formValues, type FormView, pageFields, validateAs } from '../../platform/web/form.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import type { ReportScope } from '../agency-reports.service.js';
import { ReportQueryDto } from './report-query.dto.js';

/** A report's scope from its address (a 400 page for anything the year form does not draw). */
export async function reportScope(query: unknown): Promise<ReportScope> {
  const input = await pageFields(ReportQueryDto, formValues(query, ['year', 'event']));
  return { year: input.year, eventId: input.event };
}

/**
 * A report page's scope: a year typed wrong in the form shows the current year's report with
 * the message beside the field (a 400), the text kept as typed; `form` is then that form.
 */
export async function pageScope(
  query: unknown,
  m: Messages,
): Promise<{ scope: ReportScope; form?: FormView; status?: number }> {
  const values = formValues(query, ['year', 'event']);
  if (values.year && !values.event && !(await validateAs(ReportQueryDto, { year: values.year })).ok) {
    return {
      scope: {},
      form: addError(blankForm({ year: values.year }), 'year', m.agencyReports.yearInvalid),
      status: 400,
    };
  }
  return { scope: await reportScope(query) };
}

/** Personal data (delegates' names) on every report: never stored by a browser or a proxy. */
export function sendCsv(reply: FastifyReply, filename: string, body: string): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);
}
