import { listDataAttributes } from '@lazyflow/core';
import { keyboardNavigation } from '@lazyflow/core/keyboard';
import { listWrites, queuedSends, type SendStatus, type SentItem, send } from '@lazyflow/core/writes';
import type { Item } from '@lazyflow/mocks';
import { useLazyList } from '@lazyflow/react';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { PageIntro } from '../components/PageIntro.tsx';
import { RowSkeleton } from '../components/RowSkeleton.tsx';
import { feedSource } from '../lib/sources.ts';
import { useReportStats } from '../lib/useReportStats.ts';

const CHAT_TOTAL = 100_000;
const ME = 'You';
const TIME = new Intl.DateTimeFormat('en', { dateStyle: 'short', timeStyle: 'short' });

/** A message; one you sent carries its client id, and a status until the server confirms it. */
type Message = Item & { readonly clientId?: string; readonly status?: SendStatus };

/** Saves a message on the mock server (`POST /api/chat/messages`): its copy, with a server id. */
async function saveMessage(clientId: string, body: string): Promise<Message> {
  const response = await fetch('/api/chat/messages', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ clientId, body, author: ME }),
  });
  if (!response.ok) throw new Error(`POST /api/chat/messages: HTTP ${response.status}`);
  return (await response.json()) as Message;
}

/** A chat log (`anchor: 'end'`): opens at the newest message, loads history above it. */
export function ChatPage() {
  const ref = useRef<HTMLDivElement>(null);
  const source = useMemo(() => feedSource(CHAT_TOTAL, 'backward'), []);
  const list = useLazyList<Message>({
    key: ['demo-chat', CHAT_TOTAL],
    source,
    // Your messages are keyed by their client id before and after the server confirms them, so a
    // confirmed message keeps its row (and its place).
    getItemKey: (message) => message.clientId ?? message.id,
    writes: listWrites,
    getScrollElement: () => ref.current,
    estimateSize: () => 84,
    anchor: 'end',
    overscan: 6,
    keyboard: keyboardNavigation,
  });
  useReportStats('Chat', list.list);
  const [draft, setDraft] = useState('');
  const sent = useRef(0);
  const sends = useRef(new Map<string, SentItem>());
  // A reply is appended directly: it goes after the newest page, so it waits for that page. Your
  // own messages can be sent at once: before that page is loaded, send() queues them (below).
  const canPost = list.list.reachedEnd;
  const queued = queuedSends(list);
  // A queued message that fails or is confirmed before it is placed: show its new state.
  const [, setSettledWhileQueued] = useState(0);

  const post = (author: string, body: string): boolean => {
    const placed = list.append([
      {
        id: CHAT_TOTAL + sent.current,
        title: '',
        body,
        author,
        createdAt: new Date().toISOString(),
        score: 0,
        views: 0,
        price: 0,
        tags: [],
      },
    ]);
    if (placed) sent.current += 1;
    return placed;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (text === '') return;
    // Optimistic: shown at once as pending, replaced in place by the server's copy, or marked
    // failed with a Retry (the fault panel's error rate makes sends fail).
    const clientId = `c-${Date.now().toString(36)}-${sent.current++}`;
    const item: Message = {
      id: -1,
      clientId,
      title: '',
      body: text,
      author: ME,
      createdAt: new Date().toISOString(),
      score: 0,
      views: 0,
      price: 0,
      tags: [],
    };
    const result = send(list, { item, clientId, request: () => saveMessage(clientId, text) });
    if (!result.ok) return;
    sends.current.set(clientId, result);
    // Your own message: back to the newest (a queued one: the chat opens at the newest anyway).
    if (result.queued) void result.settled.then(() => setSettledWhileQueued((n) => n + 1));
    else list.scrollToIndex(list.count);
    setDraft('');
  };
  const receive = () => post('Grace Hopper', `A reply at ${TIME.format(new Date())}`);

  return (
    <section className="chat page-fill">
      <PageIntro
        title="Chat"
        tryThis={
          <>
            scroll up: older messages load above while the one you read stays put. Press{' '}
            <em>Receive a reply</em> at the bottom (it follows), then again scrolled up (a button counts the
            new ones).
          </>
        }
        code={
          <>
            <code>anchor: 'end'</code> over <code>cursorSource</code> (
            <code>initialDirection: 'backward'</code>), <code>list.append</code>, <code>send</code>{' '}
            (optimistic: set the fault panel's error rate to see a failed send and its Retry)
          </>
        }
      >
        A conversation of {CHAT_TOTAL.toLocaleString('en')} messages that opens at the newest one, like any
        messenger, and loads history as you scroll up without moving what you are reading.
      </PageIntro>
      <p className="list-status" data-testid="chat-status">
        {list.count.toLocaleString('en')} messages loaded
        {list.list.reachedStart ? ' · start of the conversation' : ' · scroll up for older ones'}
        {list.atEnd ? ' · following new messages' : ''}
      </p>
      <div
        ref={ref}
        className="scroller fill"
        role="log"
        aria-label="Messages"
        data-testid="chat-scroller"
        data-at-end={list.atEnd}
        data-new-items={list.newItems}
        onKeyDown={list.onKeyDown}
        {...listDataAttributes(list)}
      >
        <ul className="spacer" style={{ height: list.totalSize }}>
          {list.rows.map((row) => {
            const item = row.state.status === 'loaded' ? row.state.item : null;
            return (
              <li
                key={row.key}
                ref={list.measureElement}
                data-index={row.index}
                data-id={item?.id}
                data-status={item?.status}
                data-state={row.state.status}
                aria-posinset={row.index + 1}
                aria-setsize={list.list.countKind === 'exact' ? list.count : -1}
                tabIndex={row.index === (list.focusedIndex ?? list.range?.start) ? 0 : -1}
                className={item?.author === ME ? 'message mine' : 'message'}
                style={{ transform: `translateY(${row.start}px)` }}
              >
                {item === null ? (
                  <RowSkeleton height={56} lines={2} />
                ) : (
                  <div className="bubble">
                    <strong>{item.author}</strong>
                    <p>{item.body}</p>
                    <small className="muted">
                      {item.status === 'pending'
                        ? 'Sending…'
                        : item.status === 'failed'
                          ? 'Not sent'
                          : // A message sent here has the server's id for sent ones, no place in the history.
                            `${item.author === ME ? 'Sent' : `Message ${(item.id + 1).toLocaleString('en')}`} · ${TIME.format(new Date(item.createdAt))}`}
                    </small>
                    {item.status === 'failed' && item.clientId !== undefined && (
                      <button
                        type="button"
                        className="chat-retry"
                        data-testid="chat-retry"
                        onClick={() => sends.current.get(item.clientId as string)?.retry()}
                      >
                        Retry
                      </button>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </div>
      {list.newItems > 0 && (
        <button
          type="button"
          className="chat-new"
          data-testid="chat-new"
          onClick={() => list.scrollToIndex(list.count - 1)}
        >
          {list.newItems} new ↓
        </button>
      )}
      {queued.length > 0 && (
        // Sent before the newest messages loaded: shown at once (under the log, always in view), placed
        // after the newest message when it lands.
        <ul className="chat-queued" data-testid="chat-queued">
          {queued.map((message) => (
            <li key={message.clientId} className="message mine" data-status={message.status ?? 'sent'}>
              <div className="bubble">
                <strong>{message.author}</strong>
                <p>{message.body}</p>
                <small className="muted">
                  {message.status === 'failed'
                    ? 'Not sent'
                    : message.status === 'pending'
                      ? 'Sending…'
                      : 'Sent'}{' '}
                  · waits for the newest messages
                </small>
              </div>
            </li>
          ))}
        </ul>
      )}
      <form className="composer" onSubmit={submit}>
        <input
          aria-label="Message"
          data-testid="chat-input"
          placeholder="Message"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" data-testid="chat-send">
          Send
        </button>
        <button type="button" data-testid="chat-receive" disabled={!canPost} onClick={receive}>
          Receive a reply
        </button>
      </form>
    </section>
  );
}
