/** A level per chosen skill: what the helper is still learning, can do, or can teach. */
import { SKILL_LEVELS, type SkillLevel } from '../../../domain.js';
import { t } from '../lib/i18n.js';
import { Field, Group, type Options, Select } from './forms.js';
import { type Skill, skillLabel } from './skill-picker.js';

export function SkillLevels(props: {
  skills: readonly Skill[];
  chosen: readonly string[];
  levels: Readonly<Record<string, SkillLevel>>;
  onChange: (levels: Record<string, SkillLevel>) => void;
}) {
  if (props.chosen.length === 0) return null;
  const options: Options = SKILL_LEVELS.map((level) => [level, t(`level.${level}`)]);
  return (
    <Group name="skillLevels" legend={t('helpers.levels')}>
      <div class="row">
        {props.chosen.map((code, i) => {
          const skill = props.skills.find((s) => s.code === code);
          return (
            <Field key={code} name={`skills.${i}.level`} label={skill ? skillLabel(skill) : code}>
              <Select
                options={options}
                value={props.levels[code] ?? 'competent'}
                onChange={(level) => props.onChange({ ...props.levels, [code]: level as SkillLevel })}
              />
            </Field>
          );
        })}
      </div>
    </Group>
  );
}
