/**
 * The live board: filters and the matching round above the five lanes, today's helpers beside them, a
 * request's detail in a dialog. Everything drawn comes from the store, which the socket keeps current.
 * At `/board?wall=1` it is a wall screen: the header row and the lanes in larger type, nothing to change.
 */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { TRACKS, type Track } from '../../../domain.js';
import { Select, type Options } from '../components/forms.js';
import { ErrorLine, mountPage } from '../components/page.js';
import { api, errorText } from '../lib/api.js';
import { staffUser, t, type TextKey } from '../lib/i18n.js';
import * as store from '../store.js';
import { Detail } from './board/detail.js';
import { BoardMap } from './board/map.js';
import { Lanes } from './board/lanes.js';
import { ClosedBanner, HelpersToday } from './board/side.js';
import { Summary } from './board/summary.js';
import {
  areaOf,
  DAY_FILTERS,
  type DayFilter,
  type Filter,
  laneContents,
  liveProposalsByRequest,
} from './board/view.js';

/** Choosing a helper is for dispatchers and admins (DISPATCH_ROLES); intake takes the calls. */
const MAY_CHOOSE = staffUser().role !== 'intake';
const WALL = new URLSearchParams(location.search).get('wall') === '1';
const ALL: Filter = { track: '', area: '', day: 'all' };

function FilterSelect(props: {
  name: 'track' | 'area' | 'day';
  options: Options;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = `filter-${props.name}`;
  return (
    <div>
      <label for={id}>{t(`filter.${props.name}`)}</label>
      <Select id={id} options={props.options} value={props.value} onChange={props.onChange} />
    </div>
  );
}

function RoundButton({ onDone }: { onDone: (text: string) => void }) {
  const [running, setRunning] = useState(false);
  async function run() {
    setRunning(true);
    try {
      // A supervised pair is two proposals for one request: the dispatcher is told the requests.
      const { proposals, pairs } = await api<{ proposals: unknown[]; pairs: number }>('POST', '/matching/run', {});
      const count = proposals.length - pairs;
      onDone(pairs > 0 ? t('board.roundDonePairs', { count, pairs }) : t('board.roundDone', { count }));
    } catch (err) {
      onDone(errorText(err));
    } finally {
      setRunning(false);
    }
  }
  return (
    <button type="button" class="primary" disabled={running} onClick={() => void run()}>
      {t('board.round')}
    </button>
  );
}

function Tools({ filter, onFilter }: { filter: Filter; onFilter: (filter: Filter) => void }) {
  const [notice, setNotice] = useState('');
  const areas = [...new Set([...store.residents.value.values()].map(areaOf))].sort();
  const all = ['', t('filter.all')] as const;
  return (
    <div class="board-tools">
      <FilterSelect
        name="track"
        options={[all, ...TRACKS.map((track) => [track, t(`track.${track}`)] as const)]}
        value={filter.track}
        onChange={(track) => onFilter({ ...filter, track: track as Track | '' })}
      />
      <FilterSelect
        name="area"
        options={[all, ...areas.map((area) => [area, area] as const)]}
        value={filter.area}
        onChange={(area) => onFilter({ ...filter, area })}
      />
      <FilterSelect
        name="day"
        options={DAY_FILTERS.map((day) => [day, t(`filter.${day}` as TextKey)] as const)}
        value={filter.day}
        onChange={(day) => onFilter({ ...filter, day: day as DayFilter })}
      />
      <span class="spacer" />
      <p role="status" aria-live="polite" class="muted">
        {notice}
      </p>
      <a class="button" href="/board?wall=1">
        {t('board.wall')}
      </a>
      {MAY_CHOOSE ? <RoundButton onDone={setNotice} /> : null}
    </div>
  );
}

function BoardPage() {
  const [filter, setFilter] = useState<Filter>(ALL);
  const [openId, setOpenId] = useState<number | null>(null);
  const [onMap, setOnMap] = useState(false);
  const now = store.now.value;
  const live = liveProposalsByRequest();
  const lanes = laneContents(filter, now, live);
  return (
    <>
      <h1 class="sr-only">{t('nav.board')}</h1>
      <ClosedBanner />
      <Tools filter={filter} onFilter={setFilter} />
      <Summary lanes={lanes} now={now} onOpen={setOpenId} />
      <button type="button" class="view-switch" aria-pressed={onMap} onClick={() => setOnMap(!onMap)}>
        {t('board.showMap')}
      </button>
      <div class="board">
        {onMap ? (
          <BoardMap filter={filter} onOpen={setOpenId} />
        ) : (
          <Lanes lanes={lanes} live={live} now={now} onOpen={setOpenId} />
        )}
        <HelpersToday />
      </div>
      {openId === null ? null : (
        <Detail key={openId} requestId={openId} mayChoose={MAY_CHOOSE} onClose={() => setOpenId(null)} />
      )}
    </>
  );
}

/** The wall screen: every request, nothing to open or change, the type large enough for across a room. */
function WallPage() {
  const now = store.now.value;
  const live = liveProposalsByRequest();
  const lanes = laneContents(ALL, now, live);
  return (
    <div class="wall">
      <h1 class="sr-only">{`${t('nav.board')}: ${t('board.wall')}`}</h1>
      <div class="wall-head">
        <Summary lanes={lanes} now={now} />
        <a href="/board">{t('board.leaveWall')}</a>
      </div>
      <ClosedBanner />
      <div class="board">
        <Lanes lanes={lanes} live={live} now={now} />
        <HelpersToday />
      </div>
    </div>
  );
}

const CONNECTION_TEXT = { live: 'conn.live', connecting: 'conn.connecting', offline: 'conn.offline' } as const;

/** The line's state, in the header the server drew. */
function ConnectionState() {
  const state = store.connection.value;
  return <>{t(CONNECTION_TEXT[state])}</>;
}

async function start(): Promise<void> {
  const connection = document.getElementById('connection')!;
  const follow = () => (connection.dataset.state = store.connection.value);
  store.connection.subscribe(follow);
  render(<ConnectionState />, connection);
  try {
    await store.loadBoard();
  } catch (err) {
    mountPage(<ErrorLine text={errorText(err)} />);
    return;
  }
  mountPage(WALL ? <WallPage /> : <BoardPage />);
  store.connectBoard();
}

void start();
