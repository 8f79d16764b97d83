import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EventLog, sseText } from '../../../src/node/dashboard/eventLog.js';

test('ids count up from 1 and after(id) gives exactly the later events', () => {
  const log = new EventLog();
  for (let i = 0; i < 10; i++) log.append('iteration', { iteration: i + 1 });
  assert.is(log.lastId, 10);
  assert.equal(log.after(0).map((e) => e.id), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(log.after(7).map((e) => e.id), [8, 9, 10]);
  assert.equal(log.after(10), []);
  assert.is(log.firstAfter(3)?.id, 4);
  assert.is(log.firstAfter(10), undefined);
});

test('sseText frames an event with its id, name and one data line', () => {
  assert.is(sseText('iteration', { a: 'x\ny' }, 7), 'id: 7\nevent: iteration\ndata: {"a":"x\\ny"}\n\n');
  assert.is(sseText('play', 1), 'event: play\ndata: 1\n\n');
});

test('over maxEvents the oldest droppable events go; kept events (iterations) never do', () => {
  const log = new EventLog({ maxEvents: 100 });
  for (let i = 0; i < 1000; i++) {
    log.append('episode', { i }, { droppable: true });
    if (i % 10 === 9) log.append('iteration', { iteration: (i + 1) / 10 });
  }
  assert.ok(log.size <= 110, `held ${log.size}`);
  const held = log.after(0);
  assert.is(held.filter((e) => e.name === 'iteration').length, 100, 'every iteration is kept');
  const ids = held.map((e) => e.id);
  assert.equal(ids, [...ids].sort((a, b) => a - b), 'still in id order');
  assert.is(held[held.length - 1].id, 1100, 'the newest events are kept');
  const episodes = held.filter((e) => e.name === 'episode').map((e) => e.id);
  assert.ok(episodes.length > 0 && episodes[0] > 1000, 'the droppable events left are the newest');
  // a client resuming after a dropped id gets the events held after it
  assert.equal(log.after(5).map((e) => e.id), ids);
});

test('maxEvents must be a positive integer', () => {
  assert.throws(() => new EventLog({ maxEvents: 0 }), /maxEvents/);
});

test.run();
