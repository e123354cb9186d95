/**
 * What the demo holds: a two-day annual meeting of a practice research network for link
 * officers (social prescribing), and a one-day "Building a movement" workshop with a
 * Movement Building Canvas. People and organisations are invented; email addresses use
 * the reserved example.org / example.net domains.
 */

export type DemoAccounts = Record<'organiser' | 'facilitator', { email: string; name: string; password: string }>;

/**
 * Staff accounts the demo creates, with fixed demo passwords for a developer's machine. In
 * production mode the same accounts get random passwords nobody is shown (see seedDemoIfEmpty).
 */
export const DEMO_ACCOUNTS: DemoAccounts = {
  organiser: { email: 'organiser@plenary.local', name: 'Olivia Brennan', password: 'plenary-organiser-demo' },
  facilitator: { email: 'facilitator@plenary.local', name: 'Femi Adeyemi', password: 'plenary-facilitator-demo' },
};

export const MEETING = {
  slug: 'annual-meeting',
  title: 'Link Practice Research Network — Annual Meeting',
  venue: 'Civic Hall, Calderbridge',
  timezone: 'Europe/London',
  capacity: 220,
  registrations: 250,
  cancellations: 5,
  description:
    'Two days for link officers, researchers, commissioners and the people who use social prescribing: ' +
    'what the network learned this year, six hands-on breakout workshops, and the Link Officer of the Year awards.\n\n' +
    'Breakout workshops have their own places: sign up from your personal page once you are registered.',
} as const;

export const WORKSHOP_EVENT = {
  slug: 'building-a-movement',
  title: 'Building a movement: a one-day workshop',
  venue: 'The Old Mill Community Centre, Calderbridge',
  timezone: 'Europe/London',
  capacity: 40,
  registrations: 34,
  description:
    'A practical day for people who want social prescribing to become a movement rather than a service: ' +
    'we fill in a Movement Building Canvas together, from shared values to the first actions, and leave with a plan.',
} as const;

export interface DemoSpeaker {
  key: string;
  name: string;
  jobTitle: string;
  organisation: string;
  bio: string;
}

export const SPEAKERS: DemoSpeaker[] = [
  {
    key: 'okafor',
    name: 'Dr Amara Okafor',
    jobTitle: 'Director',
    organisation: 'Link Practice Research Network',
    bio: 'Amara led the network’s three-year study of link work in primary care and chairs its research committee.',
  },
  {
    key: 'marsh',
    name: 'Professor Helen Marsh',
    jobTitle: 'Professor of Community Health',
    organisation: 'Northern Institute for Health Research',
    bio: 'Helen studies how children and families use community support outside the health service.',
  },
  {
    key: 'reilly',
    name: 'Tom Reilly',
    jobTitle: 'Head of Commissioning, Prevention',
    organisation: 'West Riding Integrated Care Board',
    bio: 'Tom commissions social prescribing across eleven primary care networks.',
  },
  {
    key: 'sharma',
    name: 'Priya Sharma',
    jobTitle: 'Senior Link Officer',
    organisation: 'Calder Valley Primary Care Network',
    bio: 'Priya was last year’s Link Officer of the Year (adults) and mentors new link officers.',
  },
  {
    key: 'hughes',
    name: 'Dr Gareth Hughes',
    jobTitle: 'General Practitioner',
    organisation: 'Brookside Surgery',
    bio: 'Gareth refers more patients to link officers than anyone else in the district and wants to know what happens next.',
  },
  {
    key: 'yusuf',
    name: 'Mariam Yusuf',
    jobTitle: 'Chair',
    organisation: 'Community Voices Forum',
    bio: 'Mariam speaks for the people who use social prescribing, and asks the questions they would ask.',
  },
  {
    key: 'walsh',
    name: 'Ciarán Walsh',
    jobTitle: 'Link Officer',
    organisation: 'Airedale Social Prescribing Service',
    bio: 'Ciarán runs the service’s referral training for practice staff.',
  },
  {
    key: 'chen',
    name: 'Dr Lin Chen',
    jobTitle: 'Research Fellow',
    organisation: 'Northern Institute for Health Research',
    bio: 'Lin designs outcome measures that link officers can use in a ten-minute conversation.',
  },
  {
    key: 'osei',
    name: 'Grace Osei',
    jobTitle: 'Safeguarding Lead',
    organisation: 'North Kirklees Community Trust',
    bio: 'Grace trains link officers in safeguarding adults and children.',
  },
  {
    key: 'pryce',
    name: 'Siân Pryce',
    jobTitle: 'Children and Families Link Officer',
    organisation: 'Calderbridge Family Hubs',
    bio: 'Siân set up the first link service for young people in the district.',
  },
  {
    key: 'nowak',
    name: 'Marta Nowak',
    jobTitle: 'Community Development Worker',
    organisation: 'Holme Valley Together',
    bio: 'Marta works with community groups to design services with the people who use them.',
  },
  {
    key: 'barker',
    name: 'Dr Ruth Barker',
    jobTitle: 'Clinical Psychologist',
    organisation: 'Pennine Staff Wellbeing Service',
    bio: 'Ruth runs reflective supervision groups for front-line staff.',
  },
  {
    key: 'adeyemi',
    name: 'Femi Adeyemi',
    jobTitle: 'Organiser and facilitator',
    organisation: 'Link Practice Research Network',
    bio: 'Femi facilitates the network’s workshops and its movement-building programme.',
  },
];

export interface DemoSession {
  day: 1 | 2;
  start: string;
  end: string;
  kind: 'keynote' | 'talk' | 'panel' | 'workshop' | 'break' | 'other';
  title: string;
  room?: string;
  track?: string;
  capacity?: number;
  /** How many delegates the demo signs up (more than the capacity puts the rest on its waiting list). */
  signups?: number;
  speakers?: string[];
  abstract?: string;
}

const MAIN = 'Main Hall';

export const MEETING_SESSIONS: DemoSession[] = [
  { day: 1, start: '09:00', end: '09:45', kind: 'break', title: 'Registration and coffee' },
  {
    day: 1,
    start: '09:45',
    end: '10:00',
    kind: 'other',
    title: 'Welcome and housekeeping',
    room: MAIN,
    speakers: ['okafor'],
  },
  {
    day: 1,
    start: '10:00',
    end: '11:00',
    kind: 'keynote',
    title: 'What a year of link work taught us',
    room: MAIN,
    speakers: ['okafor'],
    abstract:
      'The network’s annual findings: who was referred, what helped, what did not, and where the waiting lists are.',
  },
  { day: 1, start: '11:00', end: '11:30', kind: 'break', title: 'Morning break' },
  {
    day: 1,
    start: '11:30',
    end: '13:00',
    kind: 'workshop',
    title: 'Warm handovers: referral conversations that stick',
    room: 'Calder Room',
    track: 'Practice',
    capacity: 30,
    signups: 26,
    speakers: ['walsh'],
    abstract: 'Role-play the first ten minutes with a referred person, and what to say to the practice afterwards.',
  },
  {
    day: 1,
    start: '11:30',
    end: '13:00',
    kind: 'workshop',
    title: 'Measuring what matters: outcomes without the paperwork',
    room: 'Aire Room',
    track: 'Research',
    capacity: 25,
    signups: 25,
    speakers: ['chen'],
    abstract: 'Try three short outcome measures and decide which one the network should use next year.',
  },
  {
    day: 1,
    start: '11:30',
    end: '13:00',
    kind: 'workshop',
    title: 'Safeguarding in link work: the hard conversations',
    room: 'Wharfe Room',
    track: 'Practice',
    capacity: 16,
    signups: 20,
    speakers: ['osei'],
    abstract: 'Case studies in small groups. Places are limited so that everyone can take part.',
  },
  { day: 1, start: '13:00', end: '14:00', kind: 'break', title: 'Lunch' },
  {
    day: 1,
    start: '14:00',
    end: '15:15',
    kind: 'panel',
    title: 'Evidence that commissioners trust',
    room: MAIN,
    speakers: ['reilly', 'sharma', 'hughes', 'yusuf'],
    abstract:
      'A commissioner, a link officer, a GP and a community voice on what counts as evidence, chaired by the network’s director.',
  },
  { day: 1, start: '15:15', end: '15:45', kind: 'break', title: 'Afternoon break' },
  {
    day: 1,
    start: '15:45',
    end: '16:45',
    kind: 'talk',
    title: 'Ten-minute conversations: findings from the referral study',
    room: MAIN,
    track: 'Research',
    speakers: ['chen'],
  },
  {
    day: 1,
    start: '15:45',
    end: '16:45',
    kind: 'talk',
    title: 'From one surgery to eleven: growing a link service',
    room: 'Calder Room',
    track: 'Practice',
    speakers: ['sharma'],
  },
  {
    day: 1,
    start: '17:00',
    end: '18:30',
    kind: 'other',
    title: 'Posters and reception',
    room: 'Foyer',
    abstract:
      'Twenty posters from members’ projects, with drinks. The poster authors stand by their posters until 18:00.',
  },
  { day: 2, start: '09:00', end: '09:30', kind: 'break', title: 'Coffee' },
  {
    day: 2,
    start: '09:30',
    end: '10:30',
    kind: 'keynote',
    title: 'Children and families: link work beyond the surgery',
    room: MAIN,
    speakers: ['marsh'],
    abstract: 'What changes when the person referred is twelve, and the support they need is at school or at home.',
  },
  {
    day: 2,
    start: '10:30',
    end: '12:00',
    kind: 'workshop',
    title: 'Working with children, young people and families',
    room: 'Calder Room',
    track: 'Practice',
    capacity: 30,
    signups: 22,
    speakers: ['pryce'],
  },
  {
    day: 2,
    start: '10:30',
    end: '12:00',
    kind: 'workshop',
    title: 'Co-producing services with communities',
    room: 'Aire Room',
    track: 'Communities',
    capacity: 25,
    signups: 18,
    speakers: ['nowak', 'yusuf'],
  },
  {
    day: 2,
    start: '10:30',
    end: '12:00',
    kind: 'workshop',
    title: 'Looking after yourself: supervision and resilience',
    room: 'Wharfe Room',
    track: 'Wellbeing',
    capacity: 20,
    signups: 23,
    speakers: ['barker'],
  },
  { day: 2, start: '12:00', end: '13:00', kind: 'break', title: 'Lunch' },
  {
    day: 2,
    start: '13:00',
    end: '14:00',
    kind: 'talk',
    title: 'What the commissioners asked for, and what we can give them',
    room: MAIN,
    track: 'Research',
    speakers: ['reilly', 'okafor'],
  },
  {
    day: 2,
    start: '13:00',
    end: '14:00',
    kind: 'talk',
    title: 'Building a movement: an introduction to the one-day workshop',
    room: 'Calder Room',
    track: 'Communities',
    speakers: ['adeyemi'],
  },
  { day: 2, start: '14:00', end: '14:30', kind: 'break', title: 'Afternoon break' },
  {
    day: 2,
    start: '14:30',
    end: '15:30',
    kind: 'other',
    title: 'Awards: Link Officers of the Year',
    room: MAIN,
    abstract: 'The results of the delegates’ vote in three categories. Voting closes at 14:00.',
  },
  {
    day: 2,
    start: '15:30',
    end: '16:00',
    kind: 'other',
    title: 'Closing remarks and next year',
    room: MAIN,
    speakers: ['okafor'],
  },
];

export const WORKSHOP_SESSIONS: DemoSession[] = [
  { day: 1, start: '09:30', end: '10:00', kind: 'break', title: 'Arrival and coffee' },
  {
    day: 1,
    start: '10:00',
    end: '10:30',
    kind: 'other',
    title: 'Why a movement? Stories from the network',
    room: 'Mill Hall',
    speakers: ['adeyemi'],
  },
  {
    day: 1,
    start: '10:30',
    end: '12:30',
    kind: 'workshop',
    title: 'The Movement Building Canvas: values, people and power',
    room: 'Mill Hall',
    capacity: 40,
    speakers: ['adeyemi'],
    abstract:
      'In table groups, post notes on the canvas from your phone: the wall on the screen fills as you go. Code on the screen.',
  },
  { day: 1, start: '12:30', end: '13:15', kind: 'break', title: 'Lunch' },
  {
    day: 1,
    start: '13:15',
    end: '15:15',
    kind: 'workshop',
    title: 'From canvas to plan: actions, resources and signs of progress',
    room: 'Mill Hall',
    capacity: 40,
    speakers: ['adeyemi'],
  },
  { day: 1, start: '15:15', end: '16:00', kind: 'other', title: 'Commitments and close', room: 'Mill Hall' },
];

export interface DemoAward {
  title: string;
  description: string;
  nominees: Array<{ name: string; organisation: string; citation: string }>;
  /** Delegates' nominations (during the nomination window); the first is also shortlisted. */
  nominations: Array<{ nomineeName: string; nomineeOrganisation: string; statement: string }>;
}

export const AWARDS: DemoAward[] = [
  {
    title: 'Link Officer of the Year — adults',
    description: 'For a link officer whose work with adults changed what support looks like in their area.',
    nominees: [
      {
        name: 'Dan Whitaker',
        organisation: 'Airedale Social Prescribing Service',
        citation: 'Set up a walking group that now runs itself, with forty regulars.',
      },
      {
        name: 'Halima Begum',
        organisation: 'Calder Valley Primary Care Network',
        citation: 'Brought debt advice into three surgeries and halved the wait for it.',
      },
      {
        name: 'Kath Lumb',
        organisation: 'North Kirklees Community Trust',
        citation: 'Kept in touch with every person on her list through a winter of staff shortages.',
      },
    ],
    nominations: [
      {
        nomineeName: 'Joe Pickles',
        nomineeOrganisation: 'Holme Valley Together',
        statement: 'Joe found a choir, an allotment and a friend for a man who had not left his flat in a year.',
      },
    ],
  },
  {
    title: 'Link Officer of the Year — children and families',
    description: 'For work with children, young people and their families, at school, at home or in the community.',
    nominees: [
      {
        name: 'Aisha Rahman',
        organisation: 'Calderbridge Family Hubs',
        citation: 'Started a parents’ peer group that now meets in four family hubs.',
      },
      {
        name: 'Ben Hargreaves',
        organisation: 'Pennine Youth Partnership',
        citation: 'Built referral routes from six secondary schools.',
      },
      {
        name: 'Rosie Clough',
        organisation: 'West Riding Young Carers',
        citation: 'Made sure young carers are asked about themselves, not only about the person they care for.',
      },
    ],
    nominations: [
      {
        nomineeName: 'Nadia Hussain',
        nomineeOrganisation: 'Calderbridge Family Hubs',
        statement: 'Nadia turned a waiting room into a homework club.',
      },
    ],
  },
  {
    title: 'Newcomer of the Year',
    description: 'For someone in their first year of link work who has already made a difference.',
    nominees: [
      {
        name: 'Ellis Moorhouse',
        organisation: 'Airedale Social Prescribing Service',
        citation: 'Six months in, and already the person the practice asks first.',
      },
      {
        name: 'Gosia Kowalczyk',
        organisation: 'Holme Valley Together',
        citation: 'Translated the referral leaflets into Polish and Urdu with community volunteers.',
      },
    ],
    nominations: [
      {
        nomineeName: 'Sam Ogunleye',
        nomineeOrganisation: 'Brookside Surgery',
        statement: 'Sam’s first project, a men’s cooking group, had a waiting list within a month.',
      },
    ],
  },
];

/** Reminder rules of the meeting: a week and a day before, and an hour before each signed-up workshop. */
export const MEETING_REMINDERS = [
  { before: 'P7D' },
  { before: 'P1D' },
  { before: 'PT1H', scope: 'session' as const },
  { after: 'P2D', subject: 'Thank you for coming to {{event}}', message: 'Slides and the awards results: {{link}}' },
];

export const WORKSHOP_REMINDERS = [{ before: 'P2D' }, { before: 'PT2H' }];

/** About forty notes on the Movement Building Canvas, by section key of the built-in template. */
export const CANVAS_NOTES: Array<{ section: string; text: string; cluster?: string }> = [
  { section: 'values', text: 'Solidarity, not charity', cluster: 'How we treat people' },
  { section: 'values', text: 'Nothing about us without us', cluster: 'How we treat people' },
  { section: 'values', text: 'Everyone has something to give' },
  { section: 'values', text: 'Time is the real gift: we do not rush people' },
  { section: 'values', text: 'Kindness is a professional skill' },
  { section: 'purpose', text: 'Every person referred finds something that is theirs, not just a service' },
  { section: 'purpose', text: 'Communities hold people well before the NHS has to' },
  { section: 'purpose', text: 'Link work recognised as a profession, with a career path' },
  { section: 'purpose', text: 'No more funding cliff every March' },
  { section: 'purpose', text: 'Loneliness treated as seriously as blood pressure' },
  { section: 'people', text: 'People who have been referred and want to give back', cluster: 'With us already' },
  { section: 'people', text: 'Link officers who feel alone in their practice', cluster: 'With us already' },
  { section: 'people', text: 'Young carers' },
  { section: 'people', text: 'Practice receptionists: they see everyone first' },
  { section: 'people', text: 'Men over 50 who never come to anything' },
  { section: 'allies', text: 'Faith groups and their halls' },
  { section: 'allies', text: 'Libraries' },
  { section: 'allies', text: 'The local football club’s community trust' },
  { section: 'allies', text: 'Housing associations' },
  { section: 'power', text: 'The ICB board decides the contracts', cluster: 'Money' },
  { section: 'power', text: 'GPs can make or break referrals' },
  { section: 'power', text: 'Short-term grants keep small groups weak', cluster: 'Money' },
  { section: 'power', text: 'Our collective voice: 300 members is a lot of votes' },
  { section: 'narrative', text: '“It gave me my Tuesdays back”' },
  { section: 'narrative', text: 'Stories, not statistics, in the first minute' },
  { section: 'narrative', text: 'Stop saying “non-medical”: say what it is' },
  { section: 'narrative', text: 'Show the volunteers, not the managers' },
  { section: 'actions', text: 'A shared calendar of every community group in the district', cluster: 'Quick wins' },
  { section: 'actions', text: 'Buddy each new link officer with an experienced one', cluster: 'Quick wins' },
  { section: 'actions', text: 'A people’s panel at next year’s annual meeting' },
  { section: 'actions', text: 'Write to every councillor with one local story' },
  { section: 'actions', text: 'Pilot self-referral in two surgeries' },
  { section: 'resources', text: 'Members’ time: one hour a month each' },
  { section: 'resources', text: 'Free rooms in the library and the mill' },
  { section: 'resources', text: 'Need: someone who can do data properly' },
  { section: 'resources', text: 'A small grant for travel so volunteers are not out of pocket' },
  { section: 'measures', text: 'People referred come back as volunteers' },
  { section: 'measures', text: 'Three-year contracts instead of one' },
  { section: 'measures', text: 'Fewer repeat GP appointments for loneliness' },
  { section: 'measures', text: 'Link officers still in post after two years' },
];

export const FIRST_NAMES: readonly string[] = (
  'Aaliyah Adam Agnieszka Aidan Amelia Amir Anna Bethany Bilal Caitlin Callum Chloe Connor ' +
  'Daniel Deborah Dev Eleanor Emeka Emily Fatima Fiona George Hannah Harpreet Isaac Jack ' +
  'Jasmine Joanne Kamal Karen Leah Liam Lucy Mohammed Molly Nathan Niamh Oliver Paul Rachel ' +
  'Rhys Sadia Sarah Shauna Sophie Stephen Tariq Vicky Yasmin Zoë'
).split(' ');

export const LAST_NAMES: readonly string[] = (
  'Ahmed Akhtar Atkinson Bailey Barnes Bell Brook Campbell Carter Chowdhury Clarke Dawson ' +
  'Doyle Ellis Evans Fletcher Gill Green Hall Haworth Hirst Holroyd Iqbal Jackson Kaur ' +
  'Kennedy Khan Lees Lord Mahmood Mitchell Murphy Nowicki O’Brien Patel Quinn Riley ' +
  'Robinson Shaw Singh Stott Sutcliffe Taylor Thornton Turner Walker Ward Wilson Wood ' +
  'Wright'
).split(' ');

export const ORGANISATIONS = [
  'Airedale Social Prescribing Service',
  'Brookside Surgery',
  'Calder Valley Primary Care Network',
  'Calderbridge Family Hubs',
  'Calderbridge Council',
  'Community Voices Forum',
  'Holme Valley Together',
  'North Kirklees Community Trust',
  'Northern Institute for Health Research',
  'Pennine Youth Partnership',
  'Ryburn Valley Primary Care Network',
  'Spen Valley Wellbeing Hub',
  'West Riding Integrated Care Board',
  'West Riding Young Carers',
  'Wharfedale Age Concern',
];

export const JOB_TITLES = [
  'Link Officer',
  'Link Officer',
  'Link Officer',
  'Senior Link Officer',
  'Children and Families Link Officer',
  'Social Prescribing Link Worker',
  'Care Coordinator',
  'Health and Wellbeing Coach',
  'Practice Manager',
  'Community Development Worker',
  'Commissioning Manager',
  'Research Fellow',
  'General Practitioner',
  'Volunteer Coordinator',
];

export const ACCESS_NEEDS = [
  'Step-free access, please; I use a wheelchair.',
  'A hearing loop in the main hall.',
  'Large-print agenda, please.',
  'Somewhere quiet to take a break.',
];

export const DIETARY_NEEDS = ['Vegetarian', 'Vegan', 'Halal', 'Gluten-free', 'No nuts, please (allergy)', 'Kosher'];
