import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

const OVERSCAN = 10;

/** What a row of a {@link WindowedList} gets to render itself. */
export interface RowProps {
  /** 0 for the one row the Tab key reaches, -1 for the others (roving focus). */
  tabIndex: number;
  /** Marks the row's control for focus moves: spread it on the row's button. */
  'data-row': number;
  onFocus: () => void;
}

/**
 * A list that renders only the rows in view (fixed row height), so ten thousand items cost what
 * thirty do. It is one Tab stop: the arrow keys, Page Up/Down, Home and End move between rows,
 * and each row is itself the control (Enter or Space activates it). With `follow`, it stays at
 * the bottom while items arrive, until the user scrolls up.
 */
export function WindowedList<T>(props: {
  items: readonly T[];
  rowHeight: number;
  label: string;
  class: string;
  testId?: string;
  follow?: boolean;
  /** The key of an item to reveal and make the Tab stop when it changes (the selected item). */
  reveal?: string | number;
  keyOf: (item: T, index: number) => string | number;
  row: (item: T, index: number, props: RowProps) => ComponentChildren;
  rowClass?: (item: T, index: number) => string;
}) {
  const { items, rowHeight } = props;
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [following, setFollowing] = useState(props.follow ?? false);
  const [active, setActive] = useState<number | undefined>(undefined);
  const focusPending = useRef(false);
  const total = items.length;

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useLayoutEffect(() => {
    const element = viewport.current;
    if (element && following) {
      element.scrollTop = total * rowHeight;
      setScrollTop(element.scrollTop);
    }
  }, [total, following, rowHeight]);
  // Only when the item changes: items arriving above it must not pull the list back to it.
  useEffect(() => {
    if (props.reveal === undefined) return;
    const index = items.findIndex((item, at) => props.keyOf(item, at) === props.reveal);
    if (index < 0) return;
    setActive(index);
    scrollToRow(index);
  }, [props.reveal]);
  // Focus moves once the row it moves to is rendered (before the next key press is handled).
  useLayoutEffect(() => {
    if (!focusPending.current || active === undefined) return;
    const button = viewport.current?.querySelector<HTMLElement>(`[data-row="${active}"]`);
    if (button) {
      focusPending.current = false;
      button.focus({ preventScroll: true });
    }
  });

  const scrollToRow = (index: number) => {
    const element = viewport.current;
    if (!element) return;
    const top = index * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight)
      element.scrollTop = top + rowHeight - element.clientHeight;
    setScrollTop(element.scrollTop);
  };
  const moveTo = (index: number) => {
    if (total === 0) return;
    const next = Math.min(total - 1, Math.max(0, index));
    focusPending.current = true;
    setActive(next);
    scrollToRow(next);
  };

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const firstVisible = Math.min(total - 1, Math.ceil(scrollTop / rowHeight));
  const lastVisible = Math.max(0, Math.floor((scrollTop + height) / rowHeight) - 1);
  // The Tab stop: the active row when in view, else the first (or, following, last) row in view.
  const tabStop =
    active !== undefined && active >= firstVisible && active <= lastVisible
      ? active
      : following
        ? Math.min(lastVisible, total - 1)
        : firstVisible;
  const page = Math.max(1, Math.floor(height / rowHeight) - 1);

  return (
    <div
      ref={viewport}
      class={props.class}
      data-testid={props.testId}
      onScroll={(event) => {
        const element = event.currentTarget as HTMLDivElement;
        setScrollTop(element.scrollTop);
        if (props.follow)
          setFollowing(
            element.scrollTop + element.clientHeight >= element.scrollHeight - rowHeight,
          );
      }}
    >
      <ul
        aria-label={props.label}
        class="rows-inner"
        style={{ height: `${total * rowHeight}px` }}
        onKeyDown={(event) => {
          const from = active ?? tabStop;
          const moves: Record<string, number> = {
            ArrowDown: from + 1,
            ArrowUp: from - 1,
            PageDown: from + page,
            PageUp: from - page,
            Home: 0,
            End: total - 1,
          };
          const target = moves[event.key];
          if (target === undefined) return;
          event.preventDefault();
          moveTo(target);
        }}
      >
        {items.slice(first, last).map((item, offset) => {
          const index = first + offset;
          return (
            <li
              key={props.keyOf(item, index)}
              class={`row${props.rowClass ? ` ${props.rowClass(item, index)}` : ''}`}
              style={{ top: `${index * rowHeight}px`, height: `${rowHeight}px` }}
              aria-setsize={total}
              aria-posinset={index + 1}
            >
              {props.row(item, index, {
                tabIndex: index === tabStop ? 0 : -1,
                'data-row': index,
                onFocus: () => setActive(index),
              })}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
