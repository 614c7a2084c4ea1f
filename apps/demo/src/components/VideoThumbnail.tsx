import { hash32, type Video } from '@lazyflow/mocks';
import { useId } from 'react';

interface Shape {
  kind: number;
  x: number;
  y: number;
  size: number;
  hue: number;
  turn: number;
}

/** "1:02:03" or "4:05". */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Three shapes and two gradient hues, all from the video id: the same video always looks the same. */
function artwork(id: number): { from: number; to: number; shapes: Shape[] } {
  const h = (salt: number) => hash32(id, salt);
  const from = h(60) % 360;
  const shapes = [0, 1, 2].map((k) => ({
    kind: h(62 + k) % 3,
    x: h(65 + k) % 160,
    y: h(68 + k) % 90,
    size: 12 + (h(71 + k) % 34),
    hue: (from + 90 + (h(74 + k) % 180)) % 360,
    turn: h(77 + k) % 90,
  }));
  return { from, to: (from + 30 + (h(61) % 120)) % 360, shapes };
}

function ShapeMark({ shape }: { shape: Shape }) {
  const { kind, x, y, size, hue, turn } = shape;
  const fill = `hsl(${hue} 80% 70% / 55%)`;
  if (kind === 0) return <circle cx={x} cy={y} r={size / 2} fill={fill} />;
  if (kind === 1) {
    return (
      <rect
        x={x - size / 2}
        y={y - size / 2}
        width={size}
        height={size}
        rx={3}
        fill={fill}
        transform={`rotate(${turn} ${x} ${y})`}
      />
    );
  }
  const r = size / 2;
  return <polygon points={`${x},${y - r} ${x + r},${y + r} ${x - r},${y + r}`} fill={fill} />;
}

/**
 * A generated thumbnail in the video's shape (`thumbAspect`: landscape, square or a portrait
 * short; inline SVG, nothing from the network) with the duration badge;
 * processing videos are greyed with their progress, drafts are marked.
 */
export function VideoThumbnail({ video }: { video: Video }) {
  // Gradient ids are document-wide: useId keeps two thumbnails of one video from sharing one.
  const gradient = useId();
  const { from, to, shapes } = artwork(video.id);
  return (
    <div
      className="video-thumb"
      data-status={video.status}
      style={{ aspectRatio: `1 / ${video.thumbAspect}` }}
    >
      <svg
        viewBox="0 0 160 90"
        preserveAspectRatio="xMidYMid slice"
        role="img"
        aria-label={`Thumbnail of ${video.title}`}
        data-testid="video-thumb"
      >
        <defs>
          <linearGradient id={gradient} x1="0" y1="0" x2="1" y2="1">
            <stop offset="0" stopColor={`hsl(${from} 65% 45%)`} />
            <stop offset="1" stopColor={`hsl(${to} 70% 28%)`} />
          </linearGradient>
        </defs>
        <rect width="160" height="90" fill={`url(#${gradient})`} />
        {shapes.map((shape, k) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of three, never reordered
          <ShapeMark key={k} shape={shape} />
        ))}
        <circle cx="80" cy="45" r="13" fill="rgb(0 0 0 / 35%)" />
        <polygon points="76,38 76,52 88,45" fill="#fff" />
      </svg>
      <span className="video-duration">{formatDuration(video.durationSec)}</span>
      {video.status === 'processing' && (
        <span className="video-overlay">
          Processing {video.progress}%
          <span className="video-progress" style={{ width: `${video.progress}%` }} />
        </span>
      )}
      {video.status === 'draft' && <span className="video-overlay">Draft</span>}
    </div>
  );
}
