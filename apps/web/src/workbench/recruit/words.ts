import { addWords } from '../../i18n';
import { RECRUIT_WORDS } from './words-table';

addWords('recruit', RECRUIT_WORDS);
