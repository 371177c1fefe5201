/** Skills as checkboxes, a fieldset per track, so that a track's skills read as one group. */
import { useRef, useState } from 'preact/hooks';
import { TRACKS, type Track } from '../../../domain.js';
import { page, t } from '../lib/i18n.js';
import { Group } from './forms.js';

export interface Skill {
  code: string;
  track: Track;
  label: string;
  labelEn: string;
}

export function skillLabel(skill: Skill): string {
  return page.lang === 'en' ? skill.labelEn : skill.label;
}

export function SkillPicker(props: {
  skills: readonly Skill[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
  /** The group's title: a legend, or a heading when the form reads better with one. */
  title: string;
  heading?: boolean;
  name?: string;
  /** The field its errors name; `skills` unless said. */
  field?: string;
  disabled?: boolean;
  /**
   * One Tab stop for all the skills (desk work at intake): Tab comes in on the first chosen skill,
   * the arrow keys move between skills, Space ticks, and the next Tab goes on past them all.
   */
  oneTabStop?: boolean;
}) {
  const [current, setCurrent] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const toggle = (code: string, on: boolean) =>
    props.onChange(on ? [...props.chosen, code] : props.chosen.filter((c) => c !== code));
  const groups = TRACKS.map((track) => [track, props.skills.filter((s) => s.track === track)] as const).filter(
    ([, skills]) => skills.length > 0,
  );
  const order = groups.flatMap(([, skills]) => skills.map((s) => s.code));
  const stop = current ?? props.chosen.find((c) => order.includes(c)) ?? order[0];
  const onKeyDown = (e: KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
    const at = order.indexOf(stop ?? '');
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? order.length - 1 : step === undefined ? -1 : at + step;
    if (next < 0 || next >= order.length) return;
    e.preventDefault();
    setCurrent(order[next]!);
    box.current?.querySelector<HTMLInputElement>(`input[value="${order[next]}"]`)?.focus();
  };
  const body = (
    <div ref={box} onKeyDown={props.oneTabStop ? onKeyDown : undefined}>
      {groups.map(([track, skills]) => (
        <fieldset key={track}>
          <legend>{t(`track.${track}`)}</legend>
          <div class="skills-grid">
            {skills.map((skill) => (
              <label key={skill.code}>
                <input
                  type="checkbox"
                  name={props.name ?? 'skills'}
                  value={skill.code}
                  checked={props.chosen.includes(skill.code)}
                  disabled={props.disabled}
                  tabIndex={props.oneTabStop && skill.code !== stop ? -1 : undefined}
                  onFocus={() => setCurrent(skill.code)}
                  onChange={(e) => toggle(skill.code, e.currentTarget.checked)}
                />
                {skillLabel(skill)}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </div>
  );
  return props.heading ? (
    <Group name={props.field ?? 'skills'} as="div">
      <h2>{props.title}</h2>
      {body}
    </Group>
  ) : (
    <Group name={props.field ?? 'skills'} legend={props.title}>
      {body}
    </Group>
  );
}
