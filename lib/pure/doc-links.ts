import GithubSlugger from "github-slugger";
import { type Token, type Tokens, lexer } from "marked";

/** What a Markdown page links to, and the anchors it offers, as GitHub renders them. */
export interface PageLinks {
  /** Every link and image target outside code, as written. */
  targets: string[];
  /** Heading anchors (GitHub's slugs, repeats numbered) and explicit `id`/`name` anchors. */
  anchors: Set<string>;
}

function plainText(tokens: Token[] | undefined): string {
  if (tokens === undefined) return "";
  return tokens
    .map((t) => {
      if ("tokens" in t && t.tokens !== undefined && t.type !== "codespan")
        return plainText(t.tokens);
      return "text" in t ? String(t.text) : "";
    })
    .join("");
}

const HTML_ANCHOR = /<a\s+(?:id|name)="([^"]+)"/g;

export function pageLinks(markdown: string): PageLinks {
  const slugger = new GithubSlugger();
  const targets: string[] = [];
  const anchors = new Set<string>();
  const tokens = lexer(markdown);
  const walk = (list: Token[]) => {
    for (const token of list) {
      if (token.type === "heading") {
        anchors.add(slugger.slug(plainText((token as Tokens.Heading).tokens)));
      }
      if (token.type === "link" || token.type === "image") {
        targets.push((token as Tokens.Link).href);
      }
      if (token.type === "html") {
        for (const [, id] of (token as Tokens.HTML).text.matchAll(HTML_ANCHOR)) anchors.add(id);
      }
      if (token.type === "code" || token.type === "codespan") continue;
      if ("tokens" in token && token.tokens !== undefined) walk(token.tokens);
      if (token.type === "list") walk((token as Tokens.List).items);
      if (token.type === "table") {
        const table = token as Tokens.Table;
        for (const cell of [...table.header, ...table.rows.flat()]) walk(cell.tokens);
      }
    }
  };
  walk(tokens);
  return { targets, anchors };
}

/** True for a target that leaves the repository (a URL with a scheme). */
export function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target);
}
