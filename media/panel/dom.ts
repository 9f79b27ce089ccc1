/** A tiny element builder: the panel builds its DOM from data, never from HTML strings. */

type Child = Node | string | null | undefined | false;

export interface Attrs {
  class?: string;
  title?: string;
  href?: string;
  role?: string;
  tabIndex?: number;
  [attribute: `data-${string}`]: string;
  [aria: `aria-${string}`]: string;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined) continue;
      if (name === 'tabIndex') element.tabIndex = Number(value);
      else if (name === 'class') element.className = String(value);
      else element.setAttribute(name, String(value));
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}
