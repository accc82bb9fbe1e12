/**
 * The panel's end of the library port (LIBRARY_VIEW_PORT): one long-lived connection to the
 * background for the list's requests, opened on the first request and again after the
 * background went away (Chrome stops an idle service worker; the port closes with it).
 */
import { browser, type Browser } from 'wxt/browser';
import {
  LIBRARY_VIEW_PORT,
  RequestError,
  type LibraryViewAnswer,
  type LibraryViewAsk,
} from '../../utils/messaging/protocol';
import type { PanelView, PanelViewRequest } from '../../utils/library/types';

/** As long as a one-shot request waits: the background may be building its first index. */
const TIMEOUT_MS = 15_000;

interface Waiting {
  request: PanelViewRequest;
  resolve(view: PanelView): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
  /** Sent again once on a new port after the old one closed under it. */
  resent: boolean;
}

export interface LibraryPort {
  ask(request: PanelViewRequest): Promise<PanelView>;
}

export function libraryPort(): LibraryPort {
  let port: Browser.runtime.Port | null = null;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  const send = (id: number, request: PanelViewRequest) => {
    port ??= open();
    port.postMessage({ id, view: request } satisfies LibraryViewAsk);
  };

  const open = (): Browser.runtime.Port => {
    const p = browser.runtime.connect({ name: LIBRARY_VIEW_PORT });
    p.onMessage.addListener((message) => {
      const answer = message as LibraryViewAnswer;
      const w = waiting.get(answer.id);
      if (!w) return;
      waiting.delete(answer.id);
      clearTimeout(w.timer);
      if ('view' in answer) w.resolve(answer.view);
      else w.reject(new RequestError('failed', answer.error));
    });
    p.onDisconnect.addListener(() => {
      if (port === p) port = null;
      // The background stopped with requests on their way: a new port wakes it and asks once
      // more; a request that was already asked twice says so.
      for (const [id, w] of waiting) {
        if (w.resent) {
          waiting.delete(id);
          clearTimeout(w.timer);
          w.reject(new RequestError('disconnected', `${LIBRARY_VIEW_PORT}: port closed`));
        } else {
          w.resent = true;
          try {
            send(id, w.request);
          } catch (e) {
            waiting.delete(id);
            clearTimeout(w.timer);
            w.reject(new RequestError('disconnected', String(e)));
          }
        }
      }
    });
    return p;
  };

  return {
    ask(request) {
      const id = nextId++;
      return new Promise<PanelView>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new RequestError('timeout', `${LIBRARY_VIEW_PORT}: no answer in ${TIMEOUT_MS} ms`));
        }, TIMEOUT_MS);
        waiting.set(id, { request, resolve, reject, timer, resent: false });
        try {
          send(id, request);
        } catch {
          // The port was closed without telling us yet: open a new one.
          port = null;
          try {
            send(id, request);
          } catch (again) {
            waiting.delete(id);
            clearTimeout(timer);
            reject(new RequestError('disconnected', String(again)));
          }
        }
      });
    },
  };
}
