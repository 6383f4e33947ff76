/**
 * Web pages from Handlebars, set up as the report's are: an isolated environment, strict mode
 * (a view model missing a field fails loudly) and the built-in helpers only, so every value
 * is escaped and no template can call code. Templates compile once per process. The only
 * triple-stashes are the layout's `body` and a live meeting page's regions: both HTML this
 * module rendered.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { RenderError } from '../domain/errors.ts';

export const WEB_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/web', import.meta.url));

type Template = (context: unknown) => string;

/** What every page's frame shows: who is signed in and where they are. */
export interface PageFrame {
  /** The page's own title; the document title adds the review and the product. */
  title: string;
  /** The signed-in account, or null on the sign-in page. */
  account: { name: string; roles: string } | null;
  /** The session's CSRF token, carried by every form and htmx request. */
  csrfToken: string;
  /** The review in view, for its navigation, or null outside one. */
  review: {
    id: string;
    title: string;
    href: string;
    nav: { label: string; href: string; current: boolean }[];
  } | null;
  /** A polite status message after a save ("KPE-3 saved"), or null. */
  status: string | null;
  /** Set when the review is viewed read-only as at an earlier event (`?at=`): the banner's facts. */
  asAt: { seq: number; when: string; actor: string; nowHref: string } | null;
}

export class Views {
  private readonly pages = new Map<string, Template>();
  private readonly partials = new Map<string, Template>();
  private readonly layout: Template;
  private readonly hbs = Handlebars.create();
  private static readonly options = {
    strict: true,
    knownHelpersOnly: true,
    preventIndent: true,
  } as const;

  constructor(private readonly dir: string = WEB_TEMPLATES_DIR) {
    try {
      const partials = join(dir, 'partials');
      for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) {
        const template = this.compile(join(partials, file));
        this.partials.set(basename(file, '.hbs'), template);
        this.hbs.registerPartial(basename(file, '.hbs'), template);
      }
      this.layout = this.compile(join(dir, 'layout.hbs'));
    } catch (cause) {
      throw new RenderError(`the web templates in ${dir} could not be loaded`, { cause });
    }
  }

  /**
   * A whole page: `page` (a file in templates/web/pages) with `data`, inside the frame. Every
   * page also gets `readOnly`, true as at an earlier event, to leave its forms out.
   */
  page(page: string, data: object, frame: PageFrame): string {
    const body = this.fragment(page, {
      ...data,
      csrfToken: frame.csrfToken,
      readOnly: frame.asAt !== null,
    });
    try {
      return this.layout({ ...frame, body });
    } catch (cause) {
      throw new RenderError(`the page layout failed: ${(cause as Error).message}`, { cause });
    }
  }

  /** A page's content alone, for an htmx request that swaps it into the page it came from. */
  fragment(page: string, data: object): string {
    let template = this.pages.get(page);
    if (!template) {
      template = this.compile(join(this.dir, 'pages', `${page}.hbs`));
      this.pages.set(page, template);
    }
    try {
      return template(data);
    } catch (cause) {
      throw new RenderError(`the page ${page} failed: ${(cause as Error).message}`, { cause });
    }
  }

  /** One partial alone: a live region of a page, sent again when it changes. */
  partial(name: string, data: object): string {
    const template = this.partials.get(name);
    if (!template) throw new RenderError(`there is no partial ${name}`);
    try {
      return template(data);
    } catch (cause) {
      throw new RenderError(`the partial ${name} failed: ${(cause as Error).message}`, { cause });
    }
  }

  private compile(path: string): Template {
    return this.hbs.compile(readFileSync(path, 'utf8'), Views.options);
  }
}
