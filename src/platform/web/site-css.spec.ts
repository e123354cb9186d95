import { readFileSync } from 'node:fs';

/**
 * An unclosed rule does not fail loudly: with CSS nesting, every rule after it becomes a
 * nested rule of it and silently stops applying. So the stylesheet's braces must balance, and
 * nothing but an at-rule (@media) may hold rules.
 */
describe('site.css', () => {
  it('closes every rule, and nests rules only inside at-rules', () => {
    const css = readFileSync(new URL('./assets/site.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const open: string[] = [];
    for (const match of css.matchAll(/([^{};]*)([{}])/g)) {
      if (match[2] === '{') {
        const selector = match[1].trim();
        if (open.length > 0 && !open[open.length - 1].startsWith('@'))
          throw new Error(`"${selector}" is inside "${open.at(-1)}"`);
        open.push(selector);
      } else {
        expect(open.pop()).toBeDefined();
      }
    }
    expect(open).toEqual([]);
  });
});
