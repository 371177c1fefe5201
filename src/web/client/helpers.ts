import { h, page, t } from './common.js';

document.getElementById('app')!.append(h('h1', {}, t('nav.helpers')), h('p', {}, page.user.name));
