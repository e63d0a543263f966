/**
 * The download menu (CSV / XLSX / PDF). It fetches `GET /export/<table>.<format>?<filters>&lang=…`
 * next to the GraphQL endpoint, with the token in the `Authorization` header (never in the URL),
 * and saves the answer as a file. A missing route or a refusal is shown beside the button. The menu
 * is a disclosure (a button with `aria-expanded` and a list of buttons): Tab moves through it,
 * Escape closes it.
 */
import { html, nothing, type ReactiveController, type TemplateResult } from "lit";
import { asFailure, authorizedFetch, failureOfStatus, RequestFailure } from "./api-client.js";
import type { AlkanaElement } from "./alkana-element.js";
import { emit, ERROR } from "./events.js";

const EXPORT_FORMATS = [
  { format: "csv", label: "CSV" },
  { format: "xlsx", label: "Excel (XLSX)" },
  { format: "pdf", label: "PDF" },
] as const;

/** An arrow onto a tray, in the button's text colour. */
const DOWNLOAD_ICON = html`<svg aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="14" height="14" fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round">
  <path d="M8 2v8M4.5 6.5 8 10l3.5-3.5M2.5 13.5h11" />
</svg>`;

export type ExportFormat = (typeof EXPORT_FORMATS)[number]["format"];

export interface ExportRequest {
  /** One of the export tables of CONTRACT.md, e.g. `leadtime-orders`. */
  table: string;
  /** The GraphQL filter fields of that table; arrays repeat the parameter. */
  params: Record<string, string | string[] | undefined>;
}

export class ExportController implements ReactiveController {
  private open = false;
  private busy = false;
  private status: { text: string; failed: boolean } | undefined;
  private readonly onDocumentClick = (event: MouseEvent) => {
    if (this.open && !event.composedPath().includes(this.host)) this.close(false);
  };

  constructor(
    private readonly host: AlkanaElement,
    private readonly request: () => ExportRequest | undefined,
    private readonly menuId: string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener("click", this.onDocumentClick);
  }

  hostDisconnected(): void {
    document.removeEventListener("click", this.onDocumentClick);
  }

  /**
   * The button, its menu and the status line. `compact` draws the button as a small icon whose
   * accessible name (and tooltip) is `messages.download`, for a card with no room for a toolbar.
   */
  render(messages: { download: string; downloadAs(format: string): string }, { compact = false } = {}): TemplateResult {
    const request = this.request();
    if (!request) return html``;
    return html`<div class="export" @keydown=${this.onKeydown}>
        <button
          part="export-button"
          class=${compact ? "compact" : nothing}
          type="button"
          aria-label=${compact ? messages.download : nothing}
          title=${compact ? messages.download : nothing}
          aria-expanded=${this.open ? "true" : "false"}
          aria-controls=${this.menuId}
          ?disabled=${this.busy}
          @click=${() => this.toggle()}
        >
          ${compact ? DOWNLOAD_ICON : html`${messages.download} ▾`}
        </button>
        <ul part="export-menu" id=${this.menuId} ?hidden=${!this.open}>
          ${EXPORT_FORMATS.map(
            ({ format, label }) =>
              html`<li>
                <button type="button" data-format=${format} aria-label=${messages.downloadAs(label)} @click=${() => this.download(format)}>
                  ${label}
                </button>
              </li>`,
          )}
        </ul>
      </div>
      ${this.status
        ? html`<p part="export-status" role=${this.status.failed ? "alert" : "status"} ?data-failed=${this.status.failed}>
            ${this.status.text}
          </p>`
        : nothing}`;
  }

  /** Fetches the file and saves it; resolves when done (failures end in the status line). */
  async download(format: ExportFormat): Promise<void> {
    const request = this.request();
    if (!request) return;
    const m = this.host.messages;
    this.close(true);
    this.busy = true;
    this.status = { text: m.downloading, failed: false };
    this.host.requestUpdate();
    try {
      const query = new URLSearchParams();
      for (const [name, value] of Object.entries(request.params)) {
        for (const item of Array.isArray(value) ? value : [value]) if (item) query.append(name, item);
      }
      query.set("lang", this.host.language);
      const { response } = await authorizedFetch(this.host, ({ endpoint }) => ({
        url: new URL(`export/${request.table}.${format}?${query}`, endpoint.href.replace(/\/+$/, "")),
      }));
      if (!response.ok) throw failureOfStatus(response);
      save(await response.blob(), fileName(response, `${request.table}.${format}`), this.host);
      this.status = undefined;
    } catch (error) {
      const failure = asFailure(error);
      this.status = {
        text: failure.kind === "not-found" ? m.downloadUnavailable : m.downloadFailed(describe(failure, m)),
        failed: true,
      };
      emit(this.host, ERROR, { kind: failure.kind, message: failure.message, operation: "export" });
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private toggle(): void {
    this.open = !this.open;
    this.host.requestUpdate();
    if (this.open) {
      void this.host.updateComplete.then(() =>
        this.host.shadowRoot?.querySelector<HTMLButtonElement>(`#${this.menuId} button`)?.focus(),
      );
    }
  }

  private close(keepFocus: boolean): void {
    if (!this.open) return;
    this.open = false;
    this.host.requestUpdate();
    if (keepFocus) this.host.shadowRoot?.querySelector<HTMLButtonElement>('[part~="export-button"]')?.focus();
  }

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && this.open) {
      event.stopPropagation();
      this.close(true);
    }
  };
}

function describe(failure: RequestFailure, m: AlkanaElement["messages"]): string {
  if (failure.kind === "unauthenticated") return m.unauthenticated;
  if (failure.kind === "unreachable") return m.unreachable;
  if (failure.kind === "forbidden") return m.forbidden(undefined);
  return failure.message;
}

function fileName(response: Response, fallback: string): string {
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallback;
}

function save(blob: Blob, name: string, host: HTMLElement): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  host.shadowRoot!.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
