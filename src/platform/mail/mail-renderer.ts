import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import { fileURLToPath } from 'node:url';

export interface RenderedBody {
  html: string;
  text: string;
}

/**
 * Renders <name>.html.eta and <name>.text.eta from src/mail/templates. HTML output is
 * escaped by default; the text version is not HTML, so it is not escaped.
 */
@Injectable()
export class MailRenderer {
  private readonly views = fileURLToPath(new URL('./templates', import.meta.url));
  private readonly html = new Eta({ views: this.views, autoEscape: true, cache: true });
  private readonly text = new Eta({ views: this.views, autoEscape: false, cache: true, autoTrim: false });

  render(template: string, data: object): RenderedBody {
    return {
      html: this.html.render(`./${template}.html.eta`, { ...data, layout: './layout.html.eta' }),
      text: this.text.render(`./${template}.text.eta`, data),
    };
  }
}
