import { useEffect, useRef, useState } from 'react';
import { jumpToTime, runTo } from '../store/actions';
import { useSim } from '../store/sim';
import { timelineLabel, timelineMax, formatTime } from '../lib/time';
import { useUnit } from '../lib/hooks';

const H = 26;

/**
 * The run at a glance: elapsed part, playhead, time breakpoints as diamonds.
 * Click ahead of the playhead: run to that time. Click the elapsed part: open the event history there.
 */
export function Timeline() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const time = useSim((s) => s.state?.time_s ?? 0);
  const end = useSim((s) => s.state?.end_time_s ?? null);
  const breakpoints = useSim((s) => s.breakpoints);
  const unit = useUnit();
  const maxTime = timelineMax(end, time);
  const [hover, setHover] = useState<{ x: number; t: number } | null>(null);

  useEffect(() => {
    const c = canvas.current;
    const w = wrap.current;
    if (!c || !w) return;
    const draw = () => {
      const width = w.clientWidth;
      const dpr = window.devicePixelRatio || 1;
      c.width = width * dpr;
      c.height = H * dpr;
      c.style.width = `${width}px`;
      c.style.height = `${H}px`;
      const ctx = c.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.fillStyle = '#111827';
      ctx.fillRect(0, 0, width, H);
      const x = (t: number) => (t / maxTime) * width;
      ctx.fillStyle = '#1f2937';
      ctx.fillRect(0, 0, x(time), H);
      ctx.fillStyle = '#6b7280';
      ctx.font = '10px system-ui, sans-serif';
      const n = Math.max(2, Math.floor(width / 80));
      for (let i = 0; i <= n; i++) {
        const t = (maxTime * i) / n;
        const px = x(t);
        ctx.fillRect(px, H - 5, 1, 5);
        const label = timelineLabel(t, maxTime);
        const tw = ctx.measureText(label).width;
        // the first label starts clear of the playhead's triangle at t = 0
        ctx.fillText(label, Math.min(Math.max(px - tw / 2, i === 0 ? 7 : 2), width - tw - 2), 11);
      }
      ctx.fillStyle = '#f59e0b';
      for (const bp of breakpoints) {
        if (bp.kind !== 'time') continue;
        const px = x(bp.time_s);
        ctx.beginPath();
        ctx.moveTo(px, H - 13);
        ctx.lineTo(px + 5, H - 8);
        ctx.lineTo(px, H - 3);
        ctx.lineTo(px - 5, H - 8);
        ctx.closePath();
        ctx.fill();
      }
      const ph = x(time);
      ctx.fillStyle = '#f9fafb';
      ctx.fillRect(ph - 1, 0, 2, H);
      ctx.beginPath();
      ctx.moveTo(ph - 5, 0);
      ctx.lineTo(ph + 5, 0);
      ctx.lineTo(ph, 6);
      ctx.closePath();
      ctx.fill();
    };
    draw();
    const ro = new ResizeObserver(draw);
    ro.observe(w);
    return () => ro.disconnect();
  }, [time, maxTime, breakpoints]);

  const onClick = (e: React.MouseEvent) => {
    const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const t = ((e.clientX - rect.left) / rect.width) * maxTime;
    if (t > time) runTo(t);
    else jumpToTime(Math.max(0, t));
  };

  return (
    <div ref={wrap} className="timeline" data-testid="timeline" onClick={onClick}
      onMouseMove={(e) => {
        const rect = e.currentTarget.getBoundingClientRect();
        const x = e.clientX - rect.left;
        setHover({ x, t: (x / rect.width) * maxTime });
      }}
      onMouseLeave={() => setHover(null)}>
      <canvas ref={canvas} />
      {hover && (
        <div className="timeline-tip" style={{ left: Math.min(hover.x + 8, (wrap.current?.clientWidth ?? 0) - 220) }}>
          {formatTime(hover.t, unit)} · {hover.t > time ? 'click: run to here' : 'click: open the event history here'}
        </div>
      )}
    </div>
  );
}
