// @ts-check
/**
 * The floor plan as a lint rule: a folder under src/ may import only from folders to its left in
 *
 *   platform <- outbox <- identity <- agencies <- events <- agenda <- registrations <- link-officers <- reminders <- awards, canvas, evidence <- agency-reports <- seed <- app
 *
 * (awards, canvas and evidence stand side by side and do not import each other; files directly under src/ are
 * entry points, like app). A lower folder that must react to a higher one's change registers a
 * listener on a hook the higher one announces, instead of importing it.
 */
import { dirname, relative, resolve } from 'node:path';

/** Each folder's floor; a folder may import only from lower floors (and from itself). */
export const FLOORS = {
  platform: 0,
  outbox: 1,
  identity: 2,
  agencies: 3,
  events: 4,
  agenda: 5,
  registrations: 6,
  'link-officers': 7,
  reminders: 8,
  awards: 9,
  canvas: 9,
  evidence: 9,
  'agency-reports': 10,
  seed: 11,
  app: 12,
};

/** The folder of a path under src/ ('app' for the entry points directly under src/). */
function folderOf(underSrc) {
  const slash = underSrc.indexOf('/');
  return slash === -1 ? 'app' : underSrc.slice(0, slash);
}

/** @type {import('eslint').Rule.RuleModule} */
const importsPointLeft = {
  meta: {
    type: 'problem',
    docs: { description: 'imports follow the floor plan: a folder under src/ imports only from folders to its left' },
    schema: [],
    messages: {
      wrongWay:
        "'{{from}}' (floor {{fromFloor}}) may not import '{{to}}' (floor {{toFloor}}): imports point left " +
        '(platform <- outbox <- identity <- agencies <- events <- agenda <- registrations <- link-officers <- reminders <- awards, canvas, evidence <- agency-reports <- seed <- app). ' +
        'Let the lower folder announce a hook the higher one listens to instead.',
      unknownFolder: "'{{folder}}' is not on the floor plan (scripts/eslint-floor-plan.mjs): add it to FLOORS.",
    },
  },
  create(context) {
    const srcRoot = resolve(context.cwd, 'src');
    const file = context.filename;
    const fromPath = relative(srcRoot, file).split('\\').join('/');
    if (fromPath.startsWith('..')) return {};
    const fromFolder = folderOf(fromPath);

    /** @param {import('estree').Node & { source?: import('estree').Literal | null }} node */
    function check(node) {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const toPath = relative(srcRoot, resolve(dirname(file), specifier))
        .split('\\')
        .join('/');
      if (toPath.startsWith('..')) return;
      const toFolder = folderOf(toPath);
      if (toFolder === fromFolder) return;
      for (const folder of [fromFolder, toFolder]) {
        if (!(folder in FLOORS)) {
          context.report({ node, messageId: 'unknownFolder', data: { folder } });
          return;
        }
      }
      const fromFloor = FLOORS[fromFolder];
      const toFloor = FLOORS[toFolder];
      if (toFloor < fromFloor) return;
      context.report({
        node,
        messageId: 'wrongWay',
        data: { from: fromPath, fromFloor: String(fromFloor), to: toPath, toFloor: String(toFloor) },
      });
    }

    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export const floorPlanPlugin = { rules: { 'imports-point-left': importsPointLeft } };
