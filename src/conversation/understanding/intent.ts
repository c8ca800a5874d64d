// What a message that is not an answer wants: to check a partnership (every ordinary way of
// asking, in Dutch and English), to say hello, to know what Koers can do, to thank or to say
// goodbye. Channels' command words (status, wie, toets …) are read before this.

import { isTypoOf } from '../../domain/text/edit-distance.js';
import { fold } from '../fold.js';

export type SmallTalk = 'greeting' | 'capabilities' | 'thanks' | 'goodbye';
/** Questions for the other words, asked in a sentence ("hoe staat mijn aanvraag ervoor?"). */
export type AskedWord = 'status' | 'portfolio' | 'help';

const OPENINGS = [
  'mag ik',
  'mogen wij',
  'mogen we',
  'kan ik',
  'kunnen we',
  'kunnen wij',
  'kun je',
  'zou ik',
  'zouden we',
  'zouden wij',
  'ik wil graag',
  'wil graag',
  'ik wil',
  'wil ik',
  'mag k',
  'mag ik misschien',
  'kunnen jullie',
  'ik zou willen',
  'we zouden willen',
  'ik zou graag',
  'wij willen',
  'we willen',
  'wij zouden graag',
  'we zouden graag',
  'is het goed als',
  'is het ok als',
  'is het oke als',
  'is het akkoord als',
  'is het mogelijk om',
  'is het mogelijk',
  'is het toegestaan',
  'mag het',
  'we zijn van plan',
  'wij zijn van plan',
  'ik ben van plan',
  'we gaan',
  'wij gaan',
  'we overwegen',
  'wij overwegen',
  'ik overweeg',
  'graag een toets',
  'toets graag',
  'ik heb een voorstel',
  'voorstel',
  'can i',
  'may i',
  'could i',
  'can we',
  'may we',
  'could we',
  'should we',
  "we'd like to",
  'we would like to',
  "i'd like to",
  'i would like to',
  'i want to',
  'we want to',
  'is it ok to',
  'is it okay to',
  'is it ok if',
  'is it okay if',
  'is it alright to',
  'is it possible to',
  'are we allowed to',
  'am i allowed to',
  'we are planning',
  "we're planning",
  'we plan to',
  'i plan to',
  "i'm planning",
  'we are considering',
  "we're considering",
  'we intend to',
  'proposal',
];
const COLLABORATION =
  /(?<![\p{L}])(?:samenwerk\p{L}*|samen\s+(?:werken|optrekken|doen)|partnerschap\p{L}*|alliantie|joint venture|convenant|collaborat\p{L}*|partnership\p{L}*|partner(?:en|ing)? (?:up )?with|co-?operat\p{L}*|team up)(?![\p{L}])/u;
const WITH = /(?<![\p{L}])(?:met|with)\s+\S/u;
const CHECK_WORD = /(?<![\p{L}])(?:toets|toetsen|toetsing|check)(?![\p{L}])/u;
/** Words for a collaboration, also with a typo ("samenwerkign", "partnrship"). */
const COLLABORATION_WORDS = [
  'samenwerking',
  'samenwerken',
  'samenwerkingsverband',
  'partnerschap',
  'partnership',
  'collaboration',
  'collaborate',
  'cooperation',
];
const BARE =
  /^(?:een\s+|a\s+|new\s+|nieuwe\s+)?(?:samenwerking|partnerschap|partnership|collaboration|project|samenwerken)\s+(?:met|with)\s+\S/u;

const GREETINGS =
  /^(?:hallo|hello|hoi|hey|hi|hee|heey|hai|yo|dag|goedemorgen|goedemiddag|goedenavond|goeiemorgen|goeiemiddag|morgen|good morning|good afternoon|good evening|morning|greetings|hi there|hey there|hallo daar|hoi koers|hallo koers|hi koers|hello koers|hey koers)(?:\s+(?:koers|daar|there|allemaal|all|team))?$/u;
const GREETING_PREFIX =
  /^(?:hallo|hello|hoi|hey|hi|hee|dag|goedemorgen|goedemiddag|goedenavond|good morning|good afternoon|morning)(?:\s+koers)?[\s,!.]+/u;
const CAPABILITIES = [
  /\bwat kun(?:t)? (?:je|jij|u)\b/u,
  /\bwat kan (?:je|jij|koers|die|het)\b/u,
  /\bwat doe(?:t)? (?:je|jij|u|koers)\b/u,
  /\bwaar(?:mee)? kun(?:t)? (?:je|u) (?:me|mij)? ?(?:mee )?helpen\b/u,
  /\bwie ben (?:je|jij)\b/u,
  /\bwat ben (?:je|jij)\b/u,
  /\bwat is koers\b/u,
  /\bwhat can (?:you|u|koers|it) do\b/u,
  /\bwat kan ik (?:hier )?(?:allemaal )?(?:mee|doen|vragen)\b/u,
  /\bwat kun(?:t)? (?:je|u) (?:allemaal|zoal)\b/u,
  /\bwhat do you do\b/u,
  /\bwhat (?:are|is) (?:you|koers|this)\b/u,
  /\bhow do i (?:use|start)\b/u,
  /\bwho are you\b/u,
  /\bwhat can i (?:do|ask)\b/u,
  /\bwat kan ik (?:hier )?(?:doen|vragen)\b/u,
];
const THANKS_WORD =
  /^(?:bedankt|dank(?:jewel|uwel|je|u)?|merci|thanks?|thank you|thx|thnx|thnks|tnx|ty|cheers|top|super|fijn|great|perfect|prima|mooi|geweldig|awesome|nice|ok(?:e|ay)?|alot|a lot|so much|wel|you|very much|heel erg|hartelijk|alvast|again)$/u;
const THANKS =
  /^(?:(?:heel erg |hartelijk |super |alvast )?bedankt|dank(?:jewel|uwel| je(?: wel)?| u(?: wel)?)?|merci|thanks?(?: (?:a lot|so much|you|again))*|thank you(?: (?:very much|so much))?|thx|ty|cheers|top(?:,? bedankt)?|super(?:,? bedankt)?|fijn(?:,? bedankt)?|great,? thanks|perfect,? (?:bedankt|thanks)|prima,? bedankt|ok(?:e|ay)?,? (?:bedankt|thanks|thank you))(?:\s+(?:koers|voor (?:de|je|uw) hulp|for (?:the|your) help))?$/u;
const GOODBYE =
  /^(?:doei|dag|tot ziens|tot later|tot de volgende keer|fijne dag(?: nog)?(?: verder)?|fijne avond|fijn weekend|bye|goodbye|bye bye|see (?:you|ya)(?: later| soon)?|have a nice day|ciao|later|houdoe|doeg|groetjes)(?:\s+koers)?$/u;

const ASKED: Array<[AskedWord, RegExp]> = [
  [
    'status',
    /\bhoe staat (?:het met )?(?:mijn|m'n|onze|ons) (?:aanvraag|voorstel|toets|zaak|verzoek)|\bhoe staat mijn\b|\bstatus van (?:mijn|m'n|onze)\b|\bwhat'?s the status\b|\bstatus of my\b|\bany news on my\b|\bhow is my (?:request|proposal|check|case)\b|\bwhere is my (?:request|proposal|check)\b|\bnieuws over mijn\b|\bmijn (?:aanvragen|voorstellen|zaken)\b|\bmy (?:requests|proposals|cases)\b/u,
  ],
  [
    'portfolio',
    /portfo\p{L}*|\bportefeuille\b|\bwelke samenwerkingen (?:lopen|hebben)\b|\boverzicht van (?:al )?(?:onze|de) (?:partners|samenwerkingen|relaties)\b|\bwhich partnerships (?:do we have|are there|run)\b|\ball (?:our )?partnerships\b|\blist (?:of )?(?:our |all )?partners\b|\bwith whom do we work\b|\bmet wie werken we (?:allemaal )?samen\b/u,
  ],
  [
    'help',
    /\bhoe werkt (?:dit|het|koers|dat)\b|\bhow does (?:this|it|koers) (?:work|wrok)\b|\bhow do(?:es)? (?:this|it|koers) work\b|\bik snap het niet\b|\bi don'?t (?:get|understand) (?:it|this)\b|\bhelp me\b|\bwat moet ik doen\b/u,
  ],
];

/** A sentence asking for status, the portfolio or help. */
export function askedWordOf(text: string): AskedWord | null {
  const f = cleaned(text).replace(/,/gu, ' ').replace(/\s+/gu, ' ');
  for (const [word, pattern] of ASKED) if (pattern.test(f)) return word;
  return null;
}

function cleaned(text: string): string {
  return fold(text)
    .replace(/[!?.,:;)]+$/gu, '')
    .replace(/[!?.,;]+/gu, (m) => (m.includes(',') ? ',' : ' '))
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Is the message a question about starting a partnership? */
export function isCheckQuestion(text: string): boolean {
  const f = cleaned(text).replace(GREETING_PREFIX, '');
  if (BARE.test(f)) return true;
  const words = f.split(/[^\p{L}'-]+/u).filter((w) => w !== '');
  const collaboration =
    COLLABORATION.test(f) || words.some((w) => COLLABORATION_WORDS.some((c) => isTypoOf(w, c)));
  // "samenwerkign met Evides?": a bare collaboration word with a partner.
  if (
    collaboration &&
    /^(?:een\s+|a\s+|nieuwe\s+|new\s+)?\S+\s+(?:met|with)\s+\S/u.test(f) &&
    COLLABORATION_WORDS.some((c) =>
      isTypoOf(
        words[0] === 'een' || words[0] === 'a' || words[0] === 'nieuwe' || words[0] === 'new'
          ? (words[1] ?? '')
          : (words[0] ?? ''),
        c,
      ),
    )
  )
    return true;
  const opening = OPENINGS.some((o) =>
    new RegExp(`(?<![\\p{L}])${o.replace(/ /g, '\\s+')}(?![\\p{L}])`, 'u').test(f),
  );
  if (!opening) return /^(?:graag\s+)?(?:een\s+)?(?:toets|check)\s*:/u.test(f);
  return WITH.test(f) || collaboration || CHECK_WORD.test(f);
}

export function smallTalkOf(text: string): SmallTalk | null {
  const f = cleaned(text).replace(/,/gu, '').replace(/\s+/gu, ' ');
  if (f === '') return null;
  if (GREETINGS.test(f)) return 'greeting';
  if (THANKS.test(f)) return 'thanks';
  const words = f.split(' ');
  if (
    THANKS_WORD.test(words[0] ?? '') &&
    /^(?:bedankt|dank|thank|thanks|thx|thnx|tnx|cheers|merci)/u.test(
      f.replace(/^(?:ok(?:e|ay)?|top|super|great|perfect|prima|fijn|mooi)\s+/u, ''),
    ) &&
    words.length <= 5 &&
    words.every((w) => THANKS_WORD.test(w) || /^(?:voor|for|de|je|uw|the|your|hulp|help|koers)$/u.test(w))
  )
    return 'thanks';
  if (GOODBYE.test(f)) return 'goodbye';
  const withoutGreeting = f.replace(GREETING_PREFIX, '');
  if (CAPABILITIES.some((p) => p.test(withoutGreeting))) return 'capabilities';
  return null;
}
