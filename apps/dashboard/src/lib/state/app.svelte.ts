import type { Lang, RegionSummary } from '@region-score/contracts';
import { Api } from '../api/client';
import { translate, type MessageKey } from '../i18n';
import { parseOptions, parseRoute, withParam, type Options, type Route } from './options';
import { applySelection, parseCellMode, parseSelection, type AppliedSelection } from './selection';

const TOKEN_KEY = 'region-score.token';

function storedToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/**
 * What the whole page shares: the route, the query options, the language, the key, the regions
 * the server knows, and a clock ticking every second (clock, staleness, paging all read it).
 */
class AppState {
  route = $state<Route>(parseRoute(location.pathname));
  search = $state(location.search);
  options: Options = $derived(parseOptions(this.search));
  lang: Lang = $derived(this.options.lang);
  /** The key typed on the alerts page wins over none; `?token=` wins over a stored one. */
  storedToken = $state<string | null>(storedToken());
  token: string | null = $derived(this.options.token ?? this.storedToken);
  now = $state(Date.now());
  regions = $state.raw<RegionSummary[]>([]);
  regionsError = $state<string | null>(null);
  /** The region on screen: `?region=`, else the first the server lists, else Aqmola. */
  regionId: string = $derived(this.options.region ?? this.regions[0]?.id ?? 'aqmola');
  region: RegionSummary | undefined = $derived(this.regions.find((r) => r.id === this.regionId));
  timeZone: string | undefined = $derived(this.region?.timezone);
  /** `?views=`, `?indicators=`, `?districts=`, `?categories=` checked against the region. */
  selection: AppliedSelection = $derived(
    this.region
      ? applySelection(parseSelection(this.search), this.region)
      : { indicators: null, districts: null, unknown: [] },
  );
  /** `?cells=plan`: heat-map cells show % of plan instead of the score. */
  cellMode = $derived(parseCellMode(this.search));

  readonly api = new Api(() => this.token);

  /** Starts the clock, follows back/forward, and routes same-origin links without a reload. */
  start(): void {
    // Twice a second, so "not live" shows within 3 s of the last heartbeat (NOT_LIVE_AFTER_MS).
    setInterval(() => (this.now = Date.now()), 500);
    addEventListener('popstate', () => {
      this.route = parseRoute(location.pathname);
      this.search = location.search;
    });
    document.addEventListener('click', (event) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.('a');
      if (!link || link.target || link.origin !== location.origin) return;
      if (link.pathname.startsWith('/api/')) return;
      event.preventDefault();
      this.search = link.search;
      this.navigate(link.pathname);
    });
  }

  /** A translated label in the current language. */
  t = (key: MessageKey, params?: Record<string, string | number>): string =>
    translate(this.lang, key, params);

  /** The href of a view, keeping the query (language, region, key, rotation). */
  href(path: string): string {
    return `${path}${this.search}`;
  }

  /** Client-side navigation; `replace` for the rotation so history does not grow for weeks. */
  navigate(path: string, replace = false): void {
    const url = `${path}${this.search}`;
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    this.route = parseRoute(path);
  }

  /** Sets one query parameter in place (language switcher). */
  setParam(name: string, value: string | null): void {
    this.search = withParam(this.search, name, value);
    history.replaceState(null, '', `${location.pathname}${this.search}`);
  }

  /** Saves (or clears) the analyst key typed on the alerts page. */
  saveToken(token: string | null): void {
    this.storedToken = token;
    try {
      if (token) localStorage.setItem(TOKEN_KEY, token);
      else localStorage.removeItem(TOKEN_KEY);
    } catch {
      // Private mode: the key lives for this page only.
    }
  }

  async loadRegions(): Promise<void> {
    try {
      this.regions = (await this.api.regions()).regions;
      this.regionsError = null;
    } catch (err) {
      this.regionsError = err instanceof Error ? err.message : String(err);
    }
  }
}

/** The page's shared state. */
export const app = new AppState();
