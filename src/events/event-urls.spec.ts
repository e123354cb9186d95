import { eventUrls } from './event-urls.js';

describe('eventUrls', () => {
  it('builds the agenda page, its JSON and the calendar feed from APP_URL, with or without a trailing slash', () => {
    for (const appUrl of ['https://plenary.example', 'https://plenary.example/']) {
      expect(eventUrls(appUrl, { id: 'e1', slug: 'annual-meeting-2027' })).toEqual({
        agendaPage: 'https://plenary.example/events/annual-meeting-2027',
        agendaJson: 'https://plenary.example/api/events/e1/agenda',
        calendarFeed: 'https://plenary.example/api/events/e1/agenda.ics',
      });
    }
  });
});
