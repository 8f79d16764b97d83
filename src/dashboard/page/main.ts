/**
 * The dashboard page's entry: connects to `/events` (EventSource reconnects by itself and sends
 * `Last-Event-ID`, so the stream resumes after the last event it saw) and hands each event to the
 * live or the runs view.
 *
 * @module
 */
import type { EpisodeMessage, EvaluationMessage, GroupsMessage, HelloMessage, PlayMessage, RunMessage, StatusMessage, WarningMessage } from '../messages.js';
import { liveView } from './liveView.js';
import { probe, recordId } from './probe.js';
import { runsView } from './runsView.js';

const main = document.getElementById('charts') as HTMLElement;
const statusEl = document.getElementById('status') as HTMLElement;
const mode = document.body.dataset.mode === 'runs' ? 'runs' : 'live';
const p = probe();
p.mode = mode;

const showConnection = (connected: boolean): void => {
  p.connected = connected;
  if (p.status !== '' && p.status !== 'training') return; // the run's own end says more
  statusEl.className = connected ? 'live' : 'down';
  statusEl.textContent = connected ? 'live' : 'disconnected, reconnecting…';
};

const live = mode === 'live' ? liveView(main) : null;
const runs = mode === 'runs' ? runsView(main) : null;

/** Opens the stream (EventSource reconnects by itself, sending `Last-Event-ID`). */
const connect = (): void => {
  const source = new EventSource('/events');
  const on = <T>(name: string, handle: (data: T, event: MessageEvent<string>) => void): void =>
    source.addEventListener(name, (event) => {
      const message = event as MessageEvent<string>;
      handle(JSON.parse(message.data) as T, message);
    });
  /** A logged event: its id is checked against the last one, then it is handled. */
  const onLogged = <T>(name: string, handle: (data: T) => void): void =>
    on<T>(name, (data, event) => {
      recordId(Number(event.lastEventId));
      handle(data);
    });
  on<HelloMessage>('hello', (hello) => {
    if (p.instance !== '' && p.instance !== hello.instance) {
      // another server (a restart): what the page holds, and the id it resumed from, are of a run it no longer serves
      p.instance = '';
      source.close();
      live?.reset();
      runs?.reset();
      connect();
      return;
    }
    p.instance = hello.instance;
    p.connections += 1;
    showConnection(true);
  });
  source.addEventListener('open', () => showConnection(true));
  source.addEventListener('error', () => showConnection(false));
  if (live) {
    onLogged<RunMessage>('run', live.run);
    onLogged<EpisodeMessage>('episode', live.episode);
    onLogged<Parameters<typeof live.iteration>[0]>('iteration', live.iteration);
    onLogged<EvaluationMessage>('evaluation', live.evaluation);
    onLogged<WarningMessage>('warning', live.warning);
    on<PlayMessage>('play', live.play);
    on<StatusMessage>('status', live.status);
  }
  if (runs) on<GroupsMessage>('groups', runs.update);
};
connect();
