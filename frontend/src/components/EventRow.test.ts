import { describe, expect, it } from 'vitest';
import { eventCopyText } from './EventRow';

describe('eventCopyText', () => {
  it('dumps the event, its context and trace spans', () => {
    const text = eventCopyText({
      event_id: 7, time_s: 0.05, event_type: 'Request', target_name: 'Server', source_name: 'Source', is_internal: false,
      context: { id: '12', created_at: 0.05, metadata: {}, trace: { spans: [{ time: 0.05, action: 'handle.start', data: { handler: 'entity' } }] } },
    });
    expect(text).toBe([
      'Event #7', 'Time: 0.050000', 'Type: Request', 'Target: Server', 'Source: Source',
      'Context:', '  id: 12', '  created_at: 0.050000',
      'Trace Spans:', '  handle.start @ 0.0500 handler=entity',
    ].join('\n'));
  });
});
