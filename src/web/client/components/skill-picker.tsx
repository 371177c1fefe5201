/** Skills as checkboxes, a fieldset per track, so that a track's skills read as one group. */
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
}) {
  const toggle = (code: string, on: boolean) =>
    props.onChange(on ? [...props.chosen, code] : props.chosen.filter((c) => c !== code));
  const groups = TRACKS.map((track) => [track, props.skills.filter((s) => s.track === track)] as const).filter(
    ([, skills]) => skills.length > 0,
  );
  const body = groups.map(([track, skills]) => (
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
              onChange={(e) => toggle(skill.code, e.currentTarget.checked)}
            />
            {skillLabel(skill)}
          </label>
        ))}
      </div>
    </fieldset>
  ));
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
