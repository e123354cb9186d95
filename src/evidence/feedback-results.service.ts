import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { AppConfig } from '../platform/config/app-config.js';
import { newSecretToken, wellFormedTokenHash } from '../platform/crypto/tokens.js';
import { enGB } from '../platform/web/messages.en-GB.js';
import { spreadsheetSafe } from '../registrations/attendee-csv.js';
import { AttendanceRepository } from './attendance.repository.js';
import { evidenceError, EvidenceError } from './evidence.errors.js';
import { FEEDBACK_ROUNDS, type FeedbackRound } from './feedback.entity.js';
import { FeedbackResultsRepository } from './feedback-results.repository.js';
import {
  IMPACT_QUESTION_ID,
  MIN_RESPONSES,
  roundResults,
  type ResultGroup,
  type RoundResult,
} from './feedback-results.js';
import { FeedbackService } from './feedback.service.js';

export interface GroupResults extends ResultGroup {
  rounds: Record<FeedbackRound, RoundResult>;
}

const EXPORT_HEADER = [
  'kind',
  'title',
  'round',
  'responses',
  'question',
  'average',
  'rated 1',
  'rated 2',
  'rated 3',
  'rated 4',
  'rated 5',
  'comment',
];

/**
 * Feedback results for the event's organisers and, through a secret link, for a speaker: per
 * session, per speaker and for the whole event, the immediate feedback beside the impact
 * follow-up. A group with fewer than five answers shows only that, here and in every export.
 */
@Injectable()
export class FeedbackResultsService {
  constructor(
    private readonly results: FeedbackResultsRepository,
    private readonly attendance: AttendanceRepository,
    private readonly feedback: FeedbackService,
    private readonly config: AppConfig,
  ) {}

  async forEvent(eventId: string, title: string): Promise<GroupResults[]> {
    const [sessions, speakers] = await Promise.all([this.attendance.sessions(eventId), this.results.speakers(eventId)]);
    const groups: ResultGroup[] = [
      { key: 'event', kind: 'event', title },
      ...sessions
        .filter((s) => s.kind !== 'break')
        .map((s) => ({ key: `session:${s.id}`, kind: 'session' as const, title: s.title })),
      ...speakers.map((s) => ({ key: `speaker:${s.id}`, kind: 'speaker' as const, title: s.name })),
    ];
    return this.resultsOf(eventId, groups);
  }

  /** A speaker's own results, by their link: their sessions and their sessions together. */
  async forSpeakerLink(token: string): Promise<{ speaker: string; eventId: string; groups: GroupResults[] }> {
    const hash = wellFormedTokenHash(token);
    const link = hash ? await this.results.speakerByLink(hash) : undefined;
    if (!link) throw evidenceError(EvidenceError.FeedbackNotFound, 'This results link is not valid.');
    const [speaker, speakers, sessions] = await Promise.all([
      this.results.speaker(link.speakerId),
      this.results.speakers(link.eventId),
      this.attendance.sessions(link.eventId),
    ]);
    const own = new Set(speakers.find((s) => s.id === link.speakerId)?.sessionIds ?? []);
    const groups: ResultGroup[] = [
      ...sessions
        .filter((s) => own.has(s.id))
        .map((s) => ({ key: `session:${s.id}`, kind: 'session' as const, title: s.title })),
      { key: `speaker:${link.speakerId}`, kind: 'speaker', title: speaker?.name ?? '' },
    ];
    return { speaker: speaker?.name ?? '', eventId: link.eventId, groups: await this.resultsOf(link.eventId, groups) };
  }

  /** A new secret link for a speaker (any earlier one stops working); shown once, only its hash kept. */
  async newSpeakerLink(eventId: string, speakerId: string): Promise<{ speaker: string; url: string }> {
    const speaker = await this.results.speaker(speakerId);
    if (!speaker || speaker.eventId !== eventId) {
      throw evidenceError(EvidenceError.FeedbackNotFound, 'That speaker was not found in this event.');
    }
    const { token, hash } = newSecretToken();
    await this.results.setLink(speakerId, eventId, hash);
    return { speaker: speaker.name, url: `${this.config.appUrl.replace(/\/+$/, '')}/feedback-results/${token}` };
  }

  /** The rows of the CSV and XLSX exports: one per question and per comment, or one saying there are too few. */
  exportRows(groups: GroupResults[]): string[][] {
    const m = enGB.evidence;
    const rows: string[][] = [];
    for (const group of groups) {
      for (const round of FEEDBACK_ROUNDS) {
        const result = group.rounds[round];
        const lead = [m.resultKinds[group.kind], group.title, m.roundNames[round]];
        if (result.suppressed) {
          rows.push([...lead, m.tooFew, '', '', '', '', '', '', '', '']);
          continue;
        }
        const responses = String(result.responses);
        for (const q of result.questions) {
          rows.push([...lead, responses, q.text, String(q.average), ...q.distribution.map(String), '']);
        }
        for (const comment of result.comments) rows.push([...lead, responses, '', '', '', '', '', '', '', comment]);
      }
    }
    return rows;
  }

  csv(groups: GroupResults[]): string {
    const line = (cells: string[]) => cells.map((c) => `"${spreadsheetSafe(c).replace(/"/g, '""')}"`).join(',');
    return [line(EXPORT_HEADER), ...this.exportRows(groups).map(line)].join('\r\n') + '\r\n';
  }

  async xlsx(groups: GroupResults[]): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Feedback');
    sheet.addRow(EXPORT_HEADER);
    for (const row of this.exportRows(groups)) {
      sheet.addRow(row.map((cell, i) => (i >= 5 && i <= 10 && cell !== '' ? Number(cell) : spreadsheetSafe(cell))));
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  private async resultsOf(eventId: string, groups: ResultGroup[]): Promise<GroupResults[]> {
    const questions = await this.feedback.questions(eventId);
    const impactQuestions = [{ id: IMPACT_QUESTION_ID, text: enGB.evidence.impactRatingLabel }];
    const [immediate, impact] = await Promise.all([
      this.results.aggregates(eventId, 'immediate', MIN_RESPONSES),
      this.results.aggregates(eventId, 'impact', MIN_RESPONSES),
    ]);
    const byRound = {
      immediate: roundResults(groups, questions, immediate),
      impact: roundResults(groups, impactQuestions, impact),
    };
    return groups.map((group) => ({
      ...group,
      rounds: { immediate: byRound.immediate.get(group.key)!, impact: byRound.impact.get(group.key)! },
    }));
  }
}
