import { ELEMENT_NAMES } from './element-names';
import { MODELER_STRINGS } from './modeler-strings';
import { PANEL_STRINGS } from './panel-strings';

const DICTIONARY: Record<string, string> = {
  ...ELEMENT_NAMES,
  ...MODELER_STRINGS,
  ...PANEL_STRINGS,
};

const HAS_LATIN_WORD = /[A-Za-z]{2,}/;
const HAS_HAN = /\p{Script=Han}/u;

/** English texts that reached the interface untranslated; looked at by the developer's checks. */
export const missingTranslations = new Set<string>();

/**
 * bpmn-js's translate service: the template in Chinese, with `{name}` placeholders filled in
 * (interpolated element names are translated too).
 */
export function translate(template: string, replacements: Record<string, string> = {}): string {
  const chinese = DICTIONARY[template];
  if (chinese === undefined && HAS_LATIN_WORD.test(template) && !HAS_HAN.test(template)) {
    missingTranslations.add(template);
  }
  return (chinese ?? template).replace(/{([^}]+)}/g, (whole, key: string) => {
    const value = replacements[key];
    return value === undefined ? whole : (DICTIONARY[value] ?? value);
  });
}
