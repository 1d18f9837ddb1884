// The virtualized image grid: absolutely placed cells for the rows on screen only, click and rectangle
// selection, and a focused cell kept in view. Labels show as a coloured chip with the class name (colour is
// never the only signal); file names are text, never markup.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import type { ClassLabel } from '../../../electron/contract/api-responses.ts';
import type { WorkbenchModel } from '../project/workbench-model.ts';
import { useGridCaches, useWorkbench } from '../project/use-workbench.ts';
import { cellPosition, cellsInRectangle, gridLayout, scrollToReveal, visibleRange } from './grid-layout.ts';
import { click } from './selection.ts';

const CANVAS_MARGIN = 6;

interface Props {
  readonly model: WorkbenchModel;
  readonly onOpen: (index: number) => void;
  /** Told the number of columns, which arrow up and down move by. */
  readonly onColumns: (columns: number) => void;
}

export function ImageGrid({ model, onOpen, onColumns }: Props) {
  const state = useWorkbench(model);
  const recordsVersion = useGridCaches(model);
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ width: 800, height: 600, scrollTop: 0 });
  const [rectangle, setRectangle] = useState<{ x1: number; y1: number; x2: number; y2: number } | null>(null);
  const count = state.ids.length;
  const layout = useMemo(() => gridLayout(viewport.width, state.thumbnailSize, count), [viewport.width, state.thumbnailSize, count]);
  const { first, last } = visibleRange(layout, viewport.scrollTop, viewport.height, count);
  useEffect(() => {
    onColumns(layout.columns);
  }, [layout.columns, onColumns]);
  const classes = useMemo(() => new Map((state.overview?.classes ?? []).map((c) => [c.id, c])), [state.overview]);

  useLayoutEffect(() => {
    const element = scroller.current!;
    // The canvas has a margin on each side (styles.css .grid-canvas).
    const measure = () => setViewport({ width: element.clientWidth - 2 * CANVAS_MARGIN, height: element.clientHeight, scrollTop: element.scrollTop });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Ask for what is on screen: records first, then, as they arrive, the thumbnails that exist, in reading order.
  const visibleIds = useMemo(() => Array.from(state.ids.subarray(first, last)), [state.ids, first, last]);
  useEffect(() => {
    model.records.want(visibleIds);
  }, [model, visibleIds]);
  useEffect(() => {
    model.thumbnails.want(visibleIds.filter((id) => model.records.get(id)?.hasThumbnail === true));
  }, [model, visibleIds, recordsVersion]);

  // Keep the focused cell in view as the keyboard moves it.
  useEffect(() => {
    const element = scroller.current;
    if (!element || state.selection.focus < 0) return;
    const target = scrollToReveal(layout, state.selection.focus, element.scrollTop, element.clientHeight);
    if (target !== null) element.scrollTop = target;
  }, [layout, state.selection.focus]);

  const pointInGrid = (event: { clientX: number; clientY: number }) => {
    const box = scroller.current!.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top + scroller.current!.scrollTop };
  };

  const onBackgroundDown = (event: ReactMouseEvent) => {
    if (event.button !== 0 || event.target !== event.currentTarget.firstChild) return;
    const { x, y } = pointInGrid(event);
    setRectangle({ x1: x, y1: y, x2: x, y2: y });
  };
  useEffect(() => {
    if (!rectangle) return;
    const moveTo = (event: MouseEvent) => setRectangle((r) => r && { ...r, x2: pointInGrid(event).x, y2: pointInGrid(event).y });
    const end = (event: MouseEvent) => {
      const r = { ...rectangle, x2: pointInGrid(event).x, y2: pointInGrid(event).y };
      const cells = cellsInRectangle(layout, count, r.x1, r.y1, r.x2, r.y2);
      const keep = event.ctrlKey || event.metaKey ? [...model.get().selection.selected] : [];
      if (cells.length > 0) model.setSelection({ focus: cells[cells.length - 1], anchor: cells[0], selected: new Set([...keep, ...cells]) });
      setRectangle(null);
    };
    window.addEventListener('mousemove', moveTo);
    window.addEventListener('mouseup', end, { once: true });
    return () => window.removeEventListener('mousemove', moveTo);
  }, [rectangle !== null]); // eslint-disable-line react-hooks/exhaustive-deps -- the drag's listeners live for the whole drag

  const focusedId = state.selection.focus >= 0 ? state.ids[state.selection.focus] : undefined;
  const cells = [];
  for (let index = first; index < last; index++) {
    const id = state.ids[index];
    const record = model.records.get(id);
    const { top, left } = cellPosition(layout, index);
    const selected = state.selection.selected.has(index);
    const focused = state.selection.focus === index;
    const label = record?.classId == null ? null : classes.get(record.classId);
    cells.push(
      <div
        key={id}
        id={`image-${id}`}
        role="option"
        aria-selected={selected}
        // Only a window of the list exists in the page: its size and each option's place are stated.
        aria-setsize={count}
        aria-posinset={index + 1}
        aria-labelledby={record ? `image-${id}-name image-${id}-label` : undefined}
        aria-label={record ? undefined : 'loading'}
        data-image-id={id}
        className={`cell${selected ? ' selected' : ''}${focused ? ' focused' : ''}`}
        style={{ top, left, width: layout.cellSize, height: layout.cellSize }}
        onMouseDown={(event) => {
          if (event.button !== 0) return;
          model.setSelection(click(model.get().selection, index, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey }));
        }}
        onDoubleClick={() => onOpen(index)}
      >
        <Thumbnail url={model.thumbnails.get(id)} unreadable={record?.status === 'unreadable'} />
        {record && (
          <span className="file-name" id={`image-${id}-name`}>
            {record.fileName}
          </span>
        )}{' '}
        <LabelChip label={label} id={`image-${id}-label`} />
      </div>,
    );
  }

  return (
    <div
      ref={scroller}
      className="grid-scroller"
      // A listbox, not a grid: the cells flow into as many columns as fit, so there are no fixed rows to name.
      role="listbox"
      aria-label={`${count.toLocaleString()} images`}
      aria-multiselectable="true"
      aria-activedescendant={focusedId !== undefined && state.selection.focus >= first && state.selection.focus < last ? `image-${focusedId}` : undefined}
      tabIndex={0}
      onScroll={(event) => {
        // Read now: React clears currentTarget before a state updater runs.
        const scrollTop = event.currentTarget.scrollTop;
        setViewport((v) => ({ ...v, scrollTop }));
      }}
      onMouseDown={onBackgroundDown}
    >
      <div className="grid-canvas" style={{ height: layout.totalHeight }}>
        {cells}
        {rectangle && (
          <div
            className="selection-rectangle"
            style={{
              left: Math.min(rectangle.x1, rectangle.x2), top: Math.min(rectangle.y1, rectangle.y2),
              width: Math.abs(rectangle.x2 - rectangle.x1), height: Math.abs(rectangle.y2 - rectangle.y1),
            }}
          />
        )}
      </div>
      {count === 0 && <p className="empty-grid">No images here. Drop photos or folders anywhere on the window to import them.</p>}
    </div>
  );
}

function Thumbnail({ url, unreadable }: { readonly url: string | null | undefined; readonly unreadable: boolean }) {
  if (unreadable || url === null) return <span className="thumb missing">{unreadable ? 'unreadable' : 'no preview'}</span>;
  if (url === undefined) return <span className="thumb loading" />;
  return <img className="thumb" src={url} alt="" draggable={false} />;
}

export function LabelChip({ label, id }: { readonly label: ClassLabel | null | undefined; readonly id?: string }) {
  if (!label) {
    return (
      <span className="chip unlabeled" id={id}>
        unlabeled
      </span>
    );
  }
  return (
    <span className="chip" id={id} style={{ borderColor: label.colour }}>
      <span className="swatch" style={{ background: label.colour }} aria-hidden="true" />
      {label.name}
    </span>
  );
}
