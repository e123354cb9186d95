import type { CanvasSection } from './canvas-section.js';

export interface BuiltInTemplate {
  key: string;
  title: string;
  sections: CanvasSection[];
}

/**
 * The Movement Building Canvas. A movement starts from a shared values framework, so
 * values come first; then the people it is for and with, the power it meets, what it
 * will do and what it has to do it with.
 */
export const MOVEMENT_BUILDING: BuiltInTemplate = {
  key: 'movement-building',
  title: 'Movement Building Canvas',
  sections: [
    {
      key: 'values',
      title: 'Shared values',
      prompt: 'What do we believe in together? Which values hold us to one purpose?',
    },
    { key: 'purpose', title: 'Purpose and vision', prompt: 'What change do we want to see, and why now?' },
    { key: 'people', title: 'People', prompt: 'Who is affected, who is already with us, and who do we need to reach?' },
    { key: 'allies', title: 'Allies and partners', prompt: 'Which organisations and networks could stand with us?' },
    {
      key: 'power',
      title: 'Power',
      prompt: 'Who decides? Where is the power to make the change, and what stands in the way?',
    },
    { key: 'narrative', title: 'Story and narrative', prompt: 'What story will move people? How do we talk about it?' },
    { key: 'actions', title: 'Actions', prompt: 'What will we do first, together? Which campaigns, events or pilots?' },
    {
      key: 'resources',
      title: 'Resources',
      prompt: 'What do we have and what do we need: time, skills, money, spaces, data?',
    },
    { key: 'measures', title: 'Signs of progress', prompt: 'How will we know it is working? What will we learn from?' },
  ],
};

export const BUILT_IN_TEMPLATES: readonly BuiltInTemplate[] = [MOVEMENT_BUILDING];

export const builtInTemplate = (key: string): BuiltInTemplate | undefined =>
  BUILT_IN_TEMPLATES.find((template) => template.key === key);
